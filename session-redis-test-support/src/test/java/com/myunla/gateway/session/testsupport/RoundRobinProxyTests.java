package com.myunla.gateway.session.testsupport;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.ByteBufFlux;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RoundRobinProxy}, in front of small Reactor Netty backends.
 */
class RoundRobinProxyTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final List<Backend> backends = new ArrayList<>();

	private final HttpClient client = HttpClient.create();

	@AfterEach
	void stopBackends() {
		this.backends.forEach(Backend::close);
	}

	@Test
	void sendsEachRequestToTheNextBackendInTurn() {
		try (RoundRobinProxy proxy = RoundRobinProxy.start(List.of(backend(0), backend(1)))) {
			List<String> answers = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				answers.add(get(proxy, "/who").body());
			}
			assertThat(answers).containsExactly("backend-0", "backend-1", "backend-0", "backend-1");
			assertThat(proxy.requests(0)).isEqualTo(2);
			assertThat(proxy.requests(1)).isEqualTo(2);
		}
	}

	@Test
	void passesHeadersAndBodiesBothWays() {
		try (RoundRobinProxy proxy = RoundRobinProxy.start(List.of(backend(0)))) {
			Answer answer = this.client
				.headers((headers) -> headers.set("Mcp-Session-Id", "s-1")
					.set("Last-Event-ID", "0-7")
					.set(HttpHeaderNames.CONTENT_TYPE, "application/json"))
				.post()
				.uri(proxy.uri().resolve("/echo?q=1"))
				.send(ByteBufFlux.fromString(Flux.just("{\"a\":", "1}")))
				.responseSingle((response, body) -> body.asString()
					.defaultIfEmpty("")
					.map((text) -> new Answer(response.status().code(), text,
							response.responseHeaders().get("Mcp-Session-Id"))))
				.block(TIMEOUT);
			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.body()).isEqualTo("POST /echo?q=1 last-event-id=0-7 content-type=application/json "
					+ "host=" + proxy.uri().getAuthority() + " body={\"a\":1}");
			assertThat(answer.sessionHeader()).isEqualTo("s-1");
		}
	}

	@Test
	void streamsEachChunkAsSoonAsTheBackendSendsIt() throws InterruptedException {
		Backend backend = new Backend(0);
		this.backends.add(backend);
		try (RoundRobinProxy proxy = RoundRobinProxy.start(List.of(backend.uri()))) {
			BlockingQueue<String> received = new LinkedBlockingQueue<>();
			Disposable stream = openStream(proxy, received, new AtomicBoolean());
			try {
				await().atMost(TIMEOUT).until(() -> proxy.openStreams() == 1 && backend.streams.get() == 1);
				backend.events.tryEmitNext("one");
				assertThat(received.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("data: one\n\n");
				backend.events.tryEmitNext("two");
				assertThat(received.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("data: two\n\n");
				assertThat(proxy.openStreams()).isEqualTo(1);
			}
			finally {
				stream.dispose();
			}
		}
	}

	@Test
	void cutStreamsEndsOpenResponsesAtBothEndsAndKeepsServing() {
		Backend backend = new Backend(0);
		this.backends.add(backend);
		try (RoundRobinProxy proxy = RoundRobinProxy.start(List.of(backend.uri()))) {
			BlockingQueue<String> received = new LinkedBlockingQueue<>();
			AtomicBoolean ended = new AtomicBoolean();
			openStream(proxy, received, ended);
			await().atMost(TIMEOUT).until(() -> proxy.openStreams() == 1 && backend.streams.get() == 1);
			proxy.cutStreams();
			await().atMost(TIMEOUT).untilTrue(ended);
			await().atMost(TIMEOUT).until(() -> proxy.openStreams() == 0 && backend.streams.get() == 0);
			assertThat(get(proxy, "/who").body()).isEqualTo("backend-0");
		}
	}

	@Test
	void backendGoingAwayMidResponseBreaksTheClientsConnection() {
		Backend backend = new Backend(0);
		this.backends.add(backend);
		try (RoundRobinProxy proxy = RoundRobinProxy.start(List.of(backend.uri()))) {
			AtomicReference<Throwable> failure = new AtomicReference<>();
			AtomicBoolean ended = new AtomicBoolean();
			this.client.get()
				.uri(proxy.uri().resolve("/stream"))
				.responseContent()
				.asString(StandardCharsets.UTF_8)
				.doOnError(failure::set)
				.doFinally((signal) -> ended.set(true))
				.subscribe((chunk) -> {
				}, (ex) -> {
				});
			await().atMost(TIMEOUT).until(() -> proxy.openStreams() == 1 && backend.streams.get() == 1);
			backend.breakConnections();
			await().atMost(TIMEOUT).untilTrue(ended);
			assertThat(failure.get()).isNotNull();
			await().atMost(TIMEOUT).until(() -> proxy.openStreams() == 0);
		}
	}

	@Test
	void triesTheNextBackendWhenOneRefusesTheConnection() {
		int port = FreePorts.pick(false);
		URI refusing = URI.create("http://127.0.0.1:" + port);
		try (RoundRobinProxy proxy = RoundRobinProxy.start(List.of(refusing, backend(1)))) {
			for (int i = 0; i < 3; i++) {
				assertThat(get(proxy, "/who").body()).isEqualTo("backend-1");
			}
			assertThat(proxy.requests(0)).isEqualTo(2);
			assertThat(proxy.requests(1)).isEqualTo(3);
		}
		finally {
			FreePorts.release(port);
		}
	}

	@Test
	void answersBadGatewayWhenEveryBackendRefuses() {
		int port = FreePorts.pick(false);
		try (RoundRobinProxy proxy = RoundRobinProxy.start(List.of(URI.create("http://127.0.0.1:" + port)))) {
			assertThat(get(proxy, "/who").status()).isEqualTo(HttpResponseStatus.BAD_GATEWAY.code());
		}
		finally {
			FreePorts.release(port);
		}
	}

	@Test
	void answersBadGatewayWhenTheBackendClosesBeforeAnswering() {
		try (RoundRobinProxy proxy = RoundRobinProxy.start(List.of(backend(0)))) {
			assertThat(get(proxy, "/close").status()).isEqualTo(HttpResponseStatus.BAD_GATEWAY.code());
			assertThat(get(proxy, "/who").body()).isEqualTo("backend-0");
		}
	}

	@Test
	void needsABackend() {
		assertThatIllegalArgumentException().isThrownBy(() -> RoundRobinProxy.start(List.of()));
	}

	private URI backend(int index) {
		Backend backend = new Backend(index);
		this.backends.add(backend);
		return backend.uri();
	}

	private Answer get(RoundRobinProxy proxy, String path) {
		return this.client.get()
			.uri(proxy.uri().resolve(path))
			.responseSingle((response, body) -> body.asString()
				.defaultIfEmpty("")
				.map((text) -> new Answer(response.status().code(), text, null)))
			.block(TIMEOUT);
	}

	private Disposable openStream(RoundRobinProxy proxy, BlockingQueue<String> received, AtomicBoolean ended) {
		return this.client.get()
			.uri(proxy.uri().resolve("/stream"))
			.responseContent()
			.asString(StandardCharsets.UTF_8)
			.doFinally((signal) -> ended.set(true))
			.subscribe(received::add, (ex) -> {
			});
	}

	private record Answer(int status, String body, String sessionHeader) {
	}

	/**
	 * A backend that says who it is on {@code /who}, echoes a request on {@code /echo},
	 * streams the events emitted on {@link #events} on {@code /stream}, and closes the
	 * connection without an answer on {@code /close}.
	 */
	private static final class Backend implements AutoCloseable {

		final Sinks.Many<String> events = Sinks.many().multicast().directBestEffort();

		final AtomicInteger streams = new AtomicInteger();

		private final Set<Connection> connections = ConcurrentHashMap.newKeySet();

		private final DisposableServer server;

		Backend(int index) {
			this.server = HttpServer.create().host("127.0.0.1").port(0).doOnConnection((connection) -> {
				this.connections.add(connection);
				connection.onDispose(() -> this.connections.remove(connection));
			})
				.route((routes) -> routes
					.get("/who", (request, response) -> response.sendString(Mono.just("backend-" + index)))
					.get("/close",
							(request, response) -> Mono
								.fromRunnable(() -> response.withConnection(Connection::dispose)))
					.post("/echo",
							(request, response) -> response
								.header("Mcp-Session-Id", request.requestHeaders().get("Mcp-Session-Id"))
								.sendString(request.receive()
									.aggregate()
									.asString()
									.map((body) -> request.method() + " " + request.uri() + " last-event-id="
											+ request.requestHeaders().get("Last-Event-ID") + " content-type="
											+ request.requestHeaders().get(HttpHeaderNames.CONTENT_TYPE) + " host="
											+ request.requestHeaders().get(HttpHeaderNames.HOST) + " body=" + body)))
					.get("/stream",
							(request, response) -> response.header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
								.send(ByteBufFlux.fromString(this.events.asFlux()
									.map((event) -> "data: " + event + "\n\n")
									.doOnSubscribe((subscription) -> this.streams.incrementAndGet())
									.doFinally((signal) -> this.streams.decrementAndGet())), (chunk) -> true)))
				.bindNow();
		}

		URI uri() {
			return URI.create("http://127.0.0.1:" + this.server.port());
		}

		void breakConnections() {
			this.connections.forEach(Connection::dispose);
		}

		@Override
		public void close() {
			this.server.disposeNow(TIMEOUT);
		}

	}

}
