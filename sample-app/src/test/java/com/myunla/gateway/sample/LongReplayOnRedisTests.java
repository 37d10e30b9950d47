package com.myunla.gateway.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.redis.RedisStore;
import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A resume that replays more messages than the store's buffer holds, on Redis: a client
 * that reads gets them all, and a client that does not read is cut as a slow consumer and
 * sees its response end.
 */
@RequiresRedis
class LongReplayOnRedisTests {

	private static final int BUFFER_SIZE = 256;

	private static final int MESSAGES = 600;

	private static final int TAIL = 200;

	private static RedisSingle redis;

	private static ConfigurableApplicationContext instance;

	private SampleClient sample;

	@BeforeAll
	static void start() {
		redis = RedisSingle.start();
		instance = new SpringApplicationBuilder(SampleApplication.class).run("--server.port=0", "--session.type=redis",
				"--session.redis.addr=" + redis.address(), "--session.retention=1000",
				"--session.buffer-size=" + BUFFER_SIZE);
	}

	@AfterAll
	static void stop() {
		if (instance != null) {
			instance.close();
		}
		if (redis != null) {
			redis.close();
		}
	}

	@BeforeEach
	void connect() {
		this.sample = new SampleClient(port());
	}

	@AfterEach
	void disconnect() {
		this.sample.close();
	}

	@Test
	void replayLongerThanTheBufferReachesAClientThatReads() {
		SseStream first = this.sample.open("/sse");
		String id = SampleClient.sessionIdOf(first.next());
		closeAndAwaitItsEnd(first);
		send(id, MESSAGES, "m".getBytes(StandardCharsets.UTF_8));
		long slowBefore = store().statistics().slowConsumers();

		SseStream resumed = this.sample.open("/sse?sessionId=" + id);
		assertThat(SampleClient.sessionIdOf(resumed.next())).isEqualTo(id);
		for (int i = 1; i <= MESSAGES; i++) {
			assertThat(SampleClient.dataAndId(resumed.next())).startsWith("m@");
		}
		assertThat(store().statistics().slowConsumers()).isEqualTo(slowBefore);
	}

	@Test
	void mcpReplayLongerThanTheBufferReachesAClientThatReads() {
		McpHttp mcp = new McpHttp("http://localhost:" + port());
		String id = mcp.initialize("2025-06-18");
		byte[] notification = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\"}"
			.getBytes(StandardCharsets.UTF_8);
		send(id, MESSAGES, notification);
		long slowBefore = store().statistics().slowConsumers();

		SseStream resumed = mcp.listen(id, null, "2025-06-18");
		for (int i = 1; i <= MESSAGES; i++) {
			assertThat(resumed.next().data()).contains("notifications/progress");
		}
		resumed.close();
		assertThat(store().statistics().slowConsumers()).isEqualTo(slowBefore);
	}

	@Test
	void clientCutAsSlowConsumerSeesItsResponseEnd() throws IOException {
		SseStream first = this.sample.open("/sse");
		String id = SampleClient.sessionIdOf(first.next());
		// so that the stream counted below is this client's, not the first one
		closeAndAwaitItsEnd(first);
		long slowBefore = store().statistics().slowConsumers();
		try (Socket socket = new Socket("localhost", port())) {
			socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(("GET /sse?sessionId=" + id + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			// Live messages, more and larger than the socket buffers hold, to a client
			// that reads nothing yet
			byte[] data = new byte[32 * 1024];
			Arrays.fill(data, (byte) 'x');
			await().atMost(Duration.ofSeconds(10)).until(() -> store().statistics().streams() > 0);
			send(id, MESSAGES, data);
			await().atMost(Duration.ofSeconds(30)).until(() -> store().statistics().slowConsumers() > slowBefore);
			// The response ends: the last chunk arrives, with no need to wait for a
			// keep-alive or a timeout
			assertThat(endsWithLastChunk(socket.getInputStream())).isTrue();
		}
	}

	/**
	 * Disconnects a stream and waits until the server saw its connection go. Until then
	 * the server hands messages to the closed connection, and a resume without an id
	 * continues after them.
	 */
	private static void closeAndAwaitItsEnd(SseStream stream) {
		stream.close();
		await().atMost(Duration.ofSeconds(10)).until(() -> store().statistics().streams() == 0);
	}

	private static boolean endsWithLastChunk(InputStream in) throws IOException {
		byte[] last = "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
		ByteArrayOutputStream tail = new ByteArrayOutputStream();
		byte[] chunk = new byte[64 * 1024];
		long total = 0;
		int read;
		while ((read = readOrDescribe(in, chunk, total, tail)) != -1) {
			total += read;
			tail.write(chunk, 0, read);
			byte[] bytes = tail.toByteArray();
			if (bytes.length >= last.length
					&& Arrays.equals(bytes, bytes.length - last.length, bytes.length, last, 0, last.length)) {
				return true;
			}
			// the end, for the last chunk that may come split, and for a failure to show
			if (bytes.length > TAIL) {
				tail.reset();
				tail.write(bytes, bytes.length - TAIL, TAIL);
			}
		}
		return false;
	}

	/**
	 * Reads, and when nothing comes before the socket's timeout, fails saying how far the
	 * response got and what the store holds: whether the server still streams, or ended
	 * the stream without ending the response.
	 */
	private static int readOrDescribe(InputStream in, byte[] chunk, long total, ByteArrayOutputStream tail)
			throws IOException {
		try {
			return in.read(chunk);
		}
		catch (SocketTimeoutException ex) {
			String end = tail.toString(StandardCharsets.US_ASCII).replace("\r", "\\r").replace("\n", "\\n");
			throw new AssertionError("The response did not end: nothing more came after " + total
					+ " bytes, which ended with '" + end + "'; the store has " + store().statistics().streams()
					+ " open streams and counted " + store().statistics().slowConsumers() + " slow consumers", ex);
		}
	}

	private static void send(String id, int count, byte[] data) {
		Store store = store();
		Flux.range(1, count).concatMap((i) -> store.send(id, new Message(Message.DEFAULT_EVENT, data))).blockLast();
	}

	private static RedisStore store() {
		return instance.getBean(RedisStore.class);
	}

	private static int port() {
		return instance.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

}
