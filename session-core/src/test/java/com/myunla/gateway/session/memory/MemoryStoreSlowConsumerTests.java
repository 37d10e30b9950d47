package com.myunla.gateway.session.memory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.SlowConsumerException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.subscriber.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the exact bounds of a {@link MemoryStore}'s stream buffers: when a consumer
 * that falls behind is cut off with {@link SlowConsumerException} and where it resumes.
 * The slow-consumer contract of every store is checked by the contract kit (module
 * {@code session-store-kit}).
 */
class MemoryStoreSlowConsumerTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final MemoryStore store = MemoryStore.builder().retention(10).bufferSize(4).build();

	@AfterEach
	void closeStore() {
		this.store.close();
	}

	@Test
	void streamHoldsBufferSizeUnrequestedMessages() {
		Connection connection = Sessions.register(this.store, "s1");
		TestSubscriber<Delivery> stream = TestSubscriber.builder().initialRequest(0).build();
		connection.events().subscribe(stream);
		Sessions.send(connection, "1", "2", "3", "4");
		assertThat(stream.isTerminatedOrCancelled()).isFalse();
		stream.request(4);
		assertThat(Sessions.ids(stream.getReceivedOnNext())).containsExactly("1", "2", "3", "4");
		stream.cancel();
	}

	@Test
	void streamFallingMoreThanBufferSizeBehindEndsWithSlowConsumer() {
		Connection connection = Sessions.register(this.store, "s1");
		TestSubscriber<Delivery> stream = TestSubscriber.builder().initialRequest(0).build();
		connection.events().subscribe(stream);
		Sessions.send(connection, "1", "2", "3", "4", "5");
		assertThat(stream.expectTerminalError()).isInstanceOfSatisfying(SlowConsumerException.class, (ex) -> {
			assertThat(ex.getSessionId()).isEqualTo("s1");
			assertThat(ex.getLastDeliveredId()).isEqualTo("0");
			assertThat(ex).hasMessageContaining("more than 4 messages behind");
		});
		assertThat(stream.getReceivedOnNext()).isEmpty();
	}

	@Test
	void slowConsumerNamesTheLastIdItDelivered() {
		Connection connection = Sessions.register(this.store, "s1");
		TestSubscriber<Delivery> stream = TestSubscriber.builder().initialRequest(2).build();
		connection.events().subscribe(stream);
		Sessions.send(connection, "1", "2", "3", "4", "5", "6", "7");
		assertThat(Sessions.ids(stream.getReceivedOnNext())).containsExactly("1", "2");
		assertThat(stream.expectTerminalError()).isInstanceOfSatisfying(SlowConsumerException.class,
				(ex) -> assertThat(ex.getLastDeliveredId()).isEqualTo("2"));
	}

	@Test
	void slowConsumerWithoutIdContinuesAfterItsLastDeliveredMessage() {
		Connection connection = Sessions.register(this.store, "s1");
		TestSubscriber<Delivery> stream = TestSubscriber.builder().initialRequest(1).build();
		connection.events().subscribe(stream);
		Sessions.send(connection, "1", "2", "3", "4", "5", "6");
		assertThat(stream.expectTerminalError()).isInstanceOf(SlowConsumerException.class);
		StepVerifier.create(connection.events().map(Delivery::id).take(5))
			.expectNext("2", "3", "4", "5", "6")
			.verifyComplete();
	}

	@Test
	void sendThatOverflowsTheStreamIsStillAcknowledged() {
		Connection connection = Sessions.register(this.store, "s1");
		StepVerifier.create(connection.events(), 0)
			.then(() -> Sessions.send(connection, "1", "2", "3", "4"))
			.then(() -> StepVerifier.create(connection.send(Message.of("5"))).verifyComplete())
			.expectError(SlowConsumerException.class)
			.verify(TIMEOUT);
	}

	@Test
	void replayedMessagesDoNotCountAgainstTheBuffer() {
		Connection connection = Sessions.register(this.store, "s1");
		for (int i = 1; i <= 10; i++) {
			Sessions.send(connection, "m" + i);
		}
		TestSubscriber<Delivery> stream = TestSubscriber.builder().initialRequest(0).build();
		connection.events("0").subscribe(stream);
		Sessions.send(connection, "m11", "m12", "m13", "m14");
		assertThat(stream.isTerminatedOrCancelled()).isFalse();
		stream.request(14);
		assertThat(Sessions.ids(stream.getReceivedOnNext())).containsExactly("1", "2", "3", "4", "5", "6", "7", "8",
				"9", "10", "11", "12", "13", "14");
		stream.cancel();
	}

	@Test
	void streamOverflowingDuringReplayResumesWithAGap() {
		Connection connection = Sessions.register(this.store, "s1");
		for (int i = 1; i <= 10; i++) {
			Sessions.send(connection, "m" + i);
		}
		TestSubscriber<Delivery> stream = TestSubscriber.builder().initialRequest(0).build();
		connection.events("0").subscribe(stream);
		Sessions.send(connection, "m11", "m12", "m13", "m14", "m15");
		SlowConsumerException error = (SlowConsumerException) stream.expectTerminalError();
		assertThat(error.getLastDeliveredId()).isEqualTo("0");
		StepVerifier.create(connection.events(error.getLastDeliveredId()).take(2))
			.expectNext(MemoryIds.gap(0, 6))
			.assertNext((delivery) -> assertThat(delivery.id()).isEqualTo("6"))
			.verifyComplete();
	}

	@Test
	void streamCutOffBeforeItsGapNoticeResumesFromTheClientsId() {
		Connection connection = Sessions.register(this.store, "s1");
		for (int i = 1; i <= 12; i++) {
			Sessions.send(connection, "m" + i);
		}
		TestSubscriber<Delivery> stream = TestSubscriber.builder().initialRequest(0).build();
		connection.events("1").subscribe(stream);
		Sessions.send(connection, "m13", "m14", "m15", "m16", "m17");
		assertThat(stream.expectTerminalError()).isInstanceOfSatisfying(SlowConsumerException.class,
				(ex) -> assertThat(ex.getLastDeliveredId()).isEqualTo("1"));
	}

	@Test
	void sendersDoNotWaitForAConsumerStuckInOnNext() throws Exception {
		Connection connection = Sessions.register(this.store, "s1");
		CountDownLatch stuck = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<List<Delivery>> stream = connection.events().doOnNext((delivery) -> {
			stuck.countDown();
			await(release);
		}).collectList().toFuture();
		CompletableFuture<Void> firstSend = connection.send(Message.of("1"))
			.subscribeOn(Schedulers.boundedElastic())
			.toFuture();
		assertThat(stuck.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		StepVerifier.create(Flux.range(2, 5).concatMap((i) -> connection.send(Message.of(Integer.toString(i)))))
			.verifyComplete();
		release.countDown();
		firstSend.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(stream).failsWithin(TIMEOUT)
			.withThrowableThat()
			.havingCause()
			.isInstanceOfSatisfying(SlowConsumerException.class,
					(ex) -> assertThat(ex.getLastDeliveredId()).isEqualTo("1"));
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
