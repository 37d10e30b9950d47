package com.myunla.gateway.session.memory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.subscriber.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for what only the streams of a {@link MemoryStore}'s sessions promise: exact
 * retention boundaries and gap notices, ids ahead of the session, back-pressure, and
 * takeover without an id while messages flow. The stream contract of every store is
 * checked by the contract kit (module {@code session-store-kit}).
 */
class MemoryConnectionEventsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final MemoryStore store = MemoryStore.builder().retention(5).bufferSize(100).build();

	@AfterEach
	void closeStore() {
		this.store.close();
	}

	@Test
	void streamWithoutIdAfterMessagesFellOutOfRetentionStartsWithAGapNotice() {
		Connection connection = Sessions.register(this.store, "s1");
		for (int i = 1; i <= 7; i++) {
			Sessions.send(connection, "m" + i);
		}
		StepVerifier.create(connection.events().take(6))
			.expectNext(MemoryIds.gap(0, 3))
			.assertNext((delivery) -> assertThat(delivery.id()).isEqualTo("3"))
			.expectNextCount(4)
			.verifyComplete();
	}

	@Test
	void resumeFromTheLastIdBeforeTheRetentionHasNoGap() {
		Connection connection = Sessions.register(this.store, "s1");
		for (int i = 1; i <= 10; i++) {
			Sessions.send(connection, "m" + i);
		}
		StepVerifier.create(connection.events("5").map(Delivery::id).take(5))
			.expectNext("6", "7", "8", "9", "10")
			.verifyComplete();
	}

	@Test
	void gapNoticeIsRepeatedIfTheStreamEndsBeforeHandingItOut() {
		Connection connection = Sessions.register(this.store, "s1");
		for (int i = 1; i <= 7; i++) {
			Sessions.send(connection, "m" + i);
		}
		StepVerifier.create(connection.events(), 0).thenCancel().verify(TIMEOUT);
		StepVerifier.create(connection.events().take(1)).expectNext(MemoryIds.gap(0, 3)).verifyComplete();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "99999999999999999999" })
	void resumeFromAnIdThatIsNotAMessageIdSignalsIllegalArgument(String lastEventId) {
		Connection connection = Sessions.register(this.store, "s1");
		Flux<Delivery> stream = connection.events(lastEventId);
		StepVerifier.create(stream)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("Last event id"))
			.verify(TIMEOUT);
	}

	@Test
	void idOneBeyondTheLastAssignedIsRejectedWhileTheLastOneResumes() {
		Connection connection = Sessions.register(this.store, "s1");
		Sessions.send(connection, "a", "b");
		StepVerifier.create(connection.events("3"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("Last event id 3 is after the last message of session 's1' (2)"))
			.verify(TIMEOUT);
		StepVerifier.create(connection.events("2").map(Delivery::id))
			.then(() -> Sessions.send(connection, "c"))
			.expectNext("3")
			.thenCancel()
			.verify(TIMEOUT);
	}

	@Test
	void eventsIsLazy() {
		Connection connection = Sessions.register(this.store, "s1");
		TestSubscriber<Delivery> live = TestSubscriber.create();
		connection.events().subscribe(live);
		connection.events();
		connection.events("0");
		Sessions.send(connection, "a");
		assertThat(Sessions.ids(live.getReceivedOnNext())).containsExactly("1");
		assertThat(live.isTerminatedOrCancelled()).isFalse();
		live.cancel();
	}

	@Test
	void streamHonoursBackPressure() {
		Connection connection = Sessions.register(this.store, "s1");
		StepVerifier.create(connection.events().map(Delivery::id), 1)
			.then(() -> Sessions.send(connection, "a", "b", "c"))
			.expectNext("1")
			.expectNoEvent(Duration.ofMillis(50))
			.thenRequest(2)
			.expectNext("2", "3")
			.thenCancel()
			.verify(TIMEOUT);
	}

	@Test
	void previousStreamCompletesAtOnceLeavingUndeliveredMessagesToTheNewOne() {
		Connection connection = Sessions.register(this.store, "s1");
		TestSubscriber<Delivery> first = TestSubscriber.builder().initialRequest(1).build();
		connection.events().subscribe(first);
		Sessions.send(connection, "a", "b", "c");
		StepVerifier.create(connection.events().map(Delivery::id).take(2)).expectNext("2", "3").verifyComplete();
		assertThat(first.isTerminatedComplete()).isTrue();
		assertThat(Sessions.ids(first.getReceivedOnNext())).containsExactly("1");
	}

	@Test
	void streamsTakingOverWhileMessagesFlowShareThemExactlyOnce() throws Exception {
		int total = 20_000;
		try (MemoryStore roomy = MemoryStore.builder().retention(total).bufferSize(total).build()) {
			Connection connection = Sessions.register(roomy, "s1");
			List<CompletableFuture<List<Delivery>>> streams = new ArrayList<>();
			streams.add(connection.events().collectList().toFuture());
			CompletableFuture<Void> sending = Flux.range(1, total)
				.concatMap((i) -> connection.send(Message.of("m" + i)))
				.subscribeOn(Schedulers.single())
				.then()
				.toFuture();
			while (!sending.isDone() && streams.size() < 2_000) {
				streams.add(connection.events().collectList().toFuture());
			}
			sending.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			connection.close().block();
			List<String> received = new ArrayList<>();
			for (CompletableFuture<List<Delivery>> stream : streams) {
				List<String> ids = Sessions.ids(stream.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
				assertThat(ids).isSortedAccordingTo((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
				received.addAll(ids);
			}
			assertThat(streams).hasSizeGreaterThan(2);
			assertThat(received)
				.containsExactlyElementsOf(LongStream.rangeClosed(1, total).mapToObj(Long::toString).toList());
		}
	}

	@Test
	void streamCancelledWhileSubscribingDoesNotTakeOver() {
		Connection connection = Sessions.register(this.store, "s1");
		TestSubscriber<Delivery> live = TestSubscriber.create();
		connection.events().subscribe(live);
		connection.events().subscribe(new BaseSubscriber<>() {
			@Override
			protected void hookOnSubscribe(Subscription subscription) {
				subscription.cancel();
			}
		});
		Sessions.send(connection, "a");
		assertThat(Sessions.ids(live.getReceivedOnNext())).containsExactly("1");
		assertThat(live.isTerminatedOrCancelled()).isFalse();
		live.cancel();
	}

}
