package com.myunla.gateway.session.memory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MemoryConnection#send(Message)}: numbering from 1, and order under
 * heavy concurrency. The sending contract of every store is checked by the contract kit
 * (module {@code session-store-kit}).
 */
class MemoryConnectionSendTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final int SENDERS = 8;

	private static final int MESSAGES_PER_SENDER = 10_000;

	private static final int TOTAL = SENDERS * MESSAGES_PER_SENDER;

	private final MemoryStore store = MemoryStore.builder()
		.maxMessageSize(16)
		.retention(TOTAL)
		.bufferSize(TOTAL)
		.build();

	private final ExecutorService executor = Executors.newFixedThreadPool(SENDERS);

	@AfterEach
	void shutDown() throws InterruptedException {
		this.executor.shutdownNow();
		assertThat(this.executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		this.store.close();
	}

	@Test
	void messagesAreNumberedFromOneInSendingOrder() {
		Connection connection = Sessions.register(this.store, "s1");
		Sessions.send(connection, "a", "b", "c");
		StepVerifier.create(connection.events().take(3))
			.assertNext((delivery) -> assertDelivery(delivery, "1", "a"))
			.assertNext((delivery) -> assertDelivery(delivery, "2", "b"))
			.assertNext((delivery) -> assertDelivery(delivery, "3", "c"))
			.verifyComplete();
	}

	@Test
	void eachSessionNumbersItsOwnMessages() {
		Connection first = Sessions.register(this.store, "s1");
		Connection second = Sessions.register(this.store, "s2");
		Sessions.send(first, "a", "b");
		Sessions.send(second, "c");
		StepVerifier.create(second.events().take(1))
			.assertNext((delivery) -> assertDelivery(delivery, "1", "c"))
			.verifyComplete();
	}

	@Test
	void rejectedMessageTakesNoId() {
		Connection connection = Sessions.register(this.store, "s1");
		StepVerifier.create(connection.send(new Message("big", new byte[17])))
			.verifyError(IllegalArgumentException.class);
		Sessions.send(connection, "ok");
		StepVerifier.create(connection.events().take(1))
			.assertNext((delivery) -> assertDelivery(delivery, "1", "ok"))
			.verifyComplete();
	}

	@Test
	void concurrentSendersToALiveStreamLoseNothingAndKeepTheirOrder() throws Exception {
		Connection connection = Sessions.register(this.store, "s1");
		CompletableFuture<List<Delivery>> stream = connection.events().collectList().toFuture();
		sendConcurrently(connection);
		connection.close().block();
		assertEverySenderArrivedInOrder(stream.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
	}

	@Test
	void concurrentSendersWithoutAStreamLoseNothingAndKeepTheirOrder() throws Exception {
		Connection connection = Sessions.register(this.store, "s1");
		sendConcurrently(connection);
		assertEverySenderArrivedInOrder(connection.events().take(TOTAL).collectList().block(TIMEOUT));
	}

	private void sendConcurrently(Connection connection) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> senders = new ArrayList<>();
		for (int sender = 0; sender < SENDERS; sender++) {
			String prefix = sender + ":";
			senders.add(this.executor.submit(() -> {
				start.await();
				for (int i = 0; i < MESSAGES_PER_SENDER; i++) {
					connection.send(Message.of(prefix + i)).block();
				}
				return null;
			}));
		}
		start.countDown();
		for (Future<?> sender : senders) {
			sender.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
	}

	private static void assertEverySenderArrivedInOrder(List<Delivery> deliveries) {
		assertThat(Sessions.ids(deliveries))
			.containsExactlyElementsOf(LongStream.rangeClosed(1, TOTAL).mapToObj(Long::toString).toList());
		int[] next = new int[SENDERS];
		for (String text : Sessions.texts(deliveries)) {
			int colon = text.indexOf(':');
			int sender = Integer.parseInt(text.substring(0, colon));
			assertThat(Integer.parseInt(text.substring(colon + 1))).as("message of sender %d", sender)
				.isEqualTo(next[sender]);
			next[sender]++;
		}
		assertThat(next).containsOnly(MESSAGES_PER_SENDER);
	}

	private static void assertDelivery(Delivery delivery, String id, String text) {
		assertThat(delivery.isGap()).isFalse();
		assertThat(delivery.id()).isEqualTo(id);
		assertThat(delivery.message().dataAsString()).isEqualTo(text);
	}

}
