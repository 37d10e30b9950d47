package com.myunla.gateway.session.kit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Store;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract of sending and ordering: once {@link Connection#send(Message)} completed, the
 * message is delivered to the session's stream exactly once, in order, byte for byte,
 * with its headers, whichever instance sent it and whether or not a stream was open;
 * replayed messages keep their headers; each sender's messages arrive in the order its
 * sends completed; message ids follow that order.
 */
public abstract class StoreSendKit extends StoreKit {

	/**
	 * Buffer size and retention of the store under test: more than any test sends, so
	 * that no stream falls behind its buffer while concurrent senders outpace the thread
	 * that delivers.
	 */
	protected static final int CAPACITY = 1000;

	@Override
	protected StoreSettings settings() {
		return StoreSettings.DEFAULTS.withBufferSize(CAPACITY).withRetention(CAPACITY);
	}

	@Test
	void sendOnOneInstanceReachesTheStreamOnAnother() {
		Connection connection = register("s1");
		StreamRecorder stream = StreamRecorder.record(connection.events());
		Connection elsewhere = peer().get("s1").block(TIMEOUT);
		for (int i = 1; i <= 5; i++) {
			elsewhere.send(Message.of("data", "m" + i)).block(TIMEOUT);
		}
		stream.awaitCount(5);
		assertThat(stream.texts()).containsExactly("m1", "m2", "m3", "m4", "m5");
		assertThat(stream.deliveries()).allSatisfy((delivery) -> {
			assertThat(delivery.isGap()).isFalse();
			assertThat(delivery.message().event()).isEqualTo("data");
		});
		stream.assertOpen();
	}

	@Test
	void headersTravelWithTheMessageLiveAndOnReplay() {
		Connection connection = register("s1");
		StreamRecorder stream = StreamRecorder.record(connection.events());
		Message traced = Message.of("data", "traced").withHeaders(Map.of("traceparent", "00-trace-span-01", "b", ""));
		peer().send("s1", traced).block(TIMEOUT);
		peer().send("s1", Message.of("data", "plain")).block(TIMEOUT);
		stream.awaitCount(2);
		assertThat(stream.deliveries()).extracting(Delivery::message)
			.containsExactly(traced, Message.of("data", "plain"));
		stream.cancel();
		List<Delivery> replayed = peer().get("s1").block(TIMEOUT).events("0").take(2).collectList().block(TIMEOUT);
		assertThat(replayed).extracting(Delivery::message).containsExactly(traced, Message.of("data", "plain"));
	}

	@Test
	void storeSendsByIdLikeTheConnection() {
		Connection connection = register("s1");
		peer().send("s1", Message.of("by id")).block(TIMEOUT);
		send(connection, "by handle");
		assertThat(StreamRecorder.record(connection.events()).awaitCount(2).texts()).containsExactly("by id",
				"by handle");
	}

	@Test
	void messagesSentBeforeTheStreamOpensAreDeliveredFirst() {
		Connection connection = register("s1");
		peer().send("s1", Message.of("early 1")).block(TIMEOUT);
		peer().send("s1", Message.of("early 2")).block(TIMEOUT);
		StreamRecorder stream = StreamRecorder.record(connection.events());
		send(connection, "late");
		stream.awaitCount(3);
		assertThat(stream.texts()).containsExactly("early 1", "early 2", "late");
	}

	@Test
	void idsAreDistinctAndResumeInSendingOrder() {
		Connection connection = register("s1");
		send(connection, "m1", "m2", "m3", "m4", "m5");
		List<String> ids = StreamRecorder.record(connection.events()).awaitCount(5).ids();
		assertThat(ids).doesNotHaveDuplicates();
		for (int i = 0; i < 5; i++) {
			StreamRecorder resumed = StreamRecorder.record(peer().get("s1").block(TIMEOUT).events(ids.get(i)));
			send(connection, "after " + i);
			resumed.awaitText("after " + i);
			List<String> expected = new ArrayList<>(List.of("m1", "m2", "m3", "m4", "m5").subList(i + 1, 5));
			for (int j = 0; j <= i; j++) {
				expected.add("after " + j);
			}
			assertThat(resumed.texts()).as("resumed after %s", ids.get(i)).containsExactlyElementsOf(expected);
		}
	}

	@Test
	void dataArrivesByteForByte() {
		Connection connection = register("s1");
		StreamRecorder stream = StreamRecorder.record(connection.events());
		byte[] binary = new byte[256];
		for (int i = 0; i < binary.length; i++) {
			binary[i] = (byte) i;
		}
		String text = "line 1\nline 2\r\n\nend \u00e9\u20ac\ud83d\ude00";
		peer().send("s1", new Message("binary", binary)).block(TIMEOUT);
		peer().send("s1", new Message("text", text.getBytes(StandardCharsets.UTF_8))).block(TIMEOUT);
		peer().send("s1", new Message("empty", new byte[0])).block(TIMEOUT);
		stream.awaitCount(3);
		List<Message> messages = stream.deliveries().stream().map(Delivery::message).toList();
		assertThat(messages).containsExactly(new Message("binary", binary),
				new Message("text", text.getBytes(StandardCharsets.UTF_8)), new Message("empty", new byte[0]));
	}

	@Test
	void sendIsLazyAndEachSubscriptionSendsOnce() {
		Connection connection = register("s1");
		connection.send(Message.of("never subscribed"));
		peer().send("s1", Message.of("never subscribed either"));
		Mono<Void> twice = connection.send(Message.of("twice"));
		Mono<Void> byIdTwice = peer().send("s1", Message.of("by id twice"));
		twice.block(TIMEOUT);
		byIdTwice.block(TIMEOUT);
		twice.block(TIMEOUT);
		byIdTwice.block(TIMEOUT);
		send(connection, "last");
		StreamRecorder stream = StreamRecorder.record(connection.events()).awaitCount(5);
		assertThat(stream.texts()).containsExactly("twice", "by id twice", "twice", "by id twice", "last");
	}

	@Test
	void concurrentSendersOnEveryInstanceLoseNothingAndKeepTheirOrder() throws Exception {
		Connection connection = register("s1");
		StreamRecorder stream = StreamRecorder.record(connection.events());
		int senders = 4;
		int perSender = 200;
		ExecutorService pool = Executors.newFixedThreadPool(senders);
		try {
			List<CompletableFuture<Void>> done = new ArrayList<>();
			for (int s = 0; s < senders; s++) {
				int sender = s;
				Store via = (sender % 2 == 0) ? store() : peer();
				done.add(CompletableFuture.runAsync(() -> {
					for (int i = 0; i < perSender; i++) {
						via.send("s1", Message.of(sender + ":" + i)).block(TIMEOUT);
					}
				}, pool));
			}
			CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		finally {
			pool.shutdownNow();
		}
		stream.awaitCount(senders * perSender);
		assertThat(stream.ids()).doesNotHaveDuplicates();
		assertEachSenderInOrder(stream.texts(), senders, perSender);
		stream.assertOpen();
	}

	private static void assertEachSenderInOrder(List<String> texts, int senders, int perSender) {
		assertThat(texts).hasSize(senders * perSender).doesNotHaveDuplicates();
		int[] next = new int[senders];
		for (String text : texts) {
			int colon = text.indexOf(':');
			int sender = Integer.parseInt(text.substring(0, colon));
			assertThat(Integer.parseInt(text.substring(colon + 1))).as("message of sender %d", sender)
				.isEqualTo(next[sender]);
			next[sender]++;
		}
	}

}
