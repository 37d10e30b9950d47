package com.myunla.gateway.session.memory;

import java.time.Duration;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.SessionNotFoundException;
import com.myunla.gateway.session.testsupport.VirtualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import reactor.test.subscriber.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the expiry of idle sessions of a {@link MemoryStore}, on a virtual clock.
 */
class MemoryStoreExpiryTests {

	private static final Duration TTL = Duration.ofMinutes(1);

	private final VirtualClock clock = new VirtualClock();

	private final MemoryStore store = Sessions.onVirtualTime(this.clock).ttl(TTL).build();

	@AfterEach
	void closeStore() {
		this.store.close();
	}

	@Test
	void sessionLivesUntilItsTtlRunsOut() {
		Sessions.register(this.store, "s1");
		this.clock.advance(TTL.minusMillis(1));
		StepVerifier.create(this.store.list().map((connection) -> connection.meta().id()))
			.expectNext("s1")
			.verifyComplete();
	}

	@Test
	void idleSessionExpiresAfterItsTtl() {
		Connection connection = Sessions.register(this.store, "s1");
		this.clock.advance(TTL);
		StepVerifier.create(this.store.get("s1"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(SessionNotFoundException.class)
				.extracting((error) -> ((SessionNotFoundException) error).getSessionId())
				.isEqualTo("s1"))
			.verify(Duration.ofSeconds(5));
		StepVerifier.create(connection.send(Message.of("late"))).verifyError(SessionNotFoundException.class);
		StepVerifier.create(this.store.send("s1", Message.of("late"))).verifyError(SessionNotFoundException.class);
		StepVerifier.create(connection.events()).verifyError(SessionNotFoundException.class);
		StepVerifier.create(this.store.unregister("s1")).verifyError(SessionNotFoundException.class);
		StepVerifier.create(this.store.list()).verifyComplete();
	}

	@Test
	void expiryIsNoticedBeforeTheSweepRuns() {
		MemoryStore unswept = MemoryStore.builder().ttl(TTL).clock(this.clock).build();
		try (unswept) {
			Connection connection = Sessions.register(unswept, "s1");
			this.clock.advance(TTL);
			assertThat(unswept.heldSessions()).isOne();
			StepVerifier.create(connection.send(Message.of("late"))).verifyError(SessionNotFoundException.class);
			assertThat(unswept.heldSessions()).isZero();
		}
	}

	@Test
	void lookupKeepsTheSessionAlive() {
		Sessions.register(this.store, "s1");
		this.clock.advance(Duration.ofSeconds(40));
		StepVerifier.create(this.store.get("s1")).expectNextCount(1).verifyComplete();
		this.clock.advance(Duration.ofSeconds(40));
		StepVerifier.create(this.store.get("s1")).expectNextCount(1).verifyComplete();
		this.clock.advance(TTL);
		StepVerifier.create(this.store.get("s1")).verifyError(SessionNotFoundException.class);
	}

	@Test
	void sendKeepsTheSessionAlive() {
		Connection connection = Sessions.register(this.store, "s1");
		this.clock.advance(Duration.ofSeconds(40));
		Sessions.send(connection, "a");
		this.clock.advance(Duration.ofSeconds(40));
		StepVerifier.create(this.store.send("s1", Message.of("b"))).verifyComplete();
		this.clock.advance(Duration.ofSeconds(40));
		StepVerifier.create(this.store.get("s1")).expectNextCount(1).verifyComplete();
	}

	@Test
	void openStreamKeepsTheSessionAlive() {
		Connection connection = Sessions.register(this.store, "s1");
		TestSubscriber<Delivery> stream = TestSubscriber.create();
		connection.events().subscribe(stream);
		this.clock.advance(TTL.multipliedBy(10));
		assertThat(this.store.heldSessions()).isOne();
		Sessions.send(connection, "still open");
		assertThat(stream.getReceivedOnNext()).hasSize(1);
		assertThat(stream.isTerminatedOrCancelled()).isFalse();
		stream.cancel();
	}

	@Test
	void ttlCountsFromTheEndOfTheStream() {
		Connection connection = Sessions.register(this.store, "s1");
		TestSubscriber<Delivery> stream = TestSubscriber.create();
		connection.events().subscribe(stream);
		this.clock.advance(TTL.multipliedBy(2));
		stream.cancel();
		this.clock.advance(TTL.minusMillis(1));
		StepVerifier.create(this.store.list()).expectNextCount(1).verifyComplete();
		this.clock.advance(Duration.ofMillis(1));
		StepVerifier.create(this.store.get("s1")).verifyError(SessionNotFoundException.class);
	}

	@Test
	void listingIsNotActivity() {
		Sessions.register(this.store, "s1");
		this.clock.advance(Duration.ofSeconds(40));
		StepVerifier.create(this.store.list()).expectNextCount(1).verifyComplete();
		this.clock.advance(Duration.ofSeconds(20));
		StepVerifier.create(this.store.list()).verifyComplete();
	}

	@Test
	void idOfAnExpiredSessionCanBeRegisteredAgain() {
		Connection expired = Sessions.register(this.store, "s1");
		this.clock.advance(TTL);
		Connection fresh = Sessions.register(this.store, "s1");
		StepVerifier.create(this.store.get("s1")).expectNext(fresh).verifyComplete();
		StepVerifier.create(expired.send(Message.of("stale"))).verifyError(SessionNotFoundException.class);
	}

	@Test
	void sweepFreesExpiredSessionsThatNobodyAsksFor() {
		Sessions.register(this.store, "s1");
		Sessions.register(this.store, "s2");
		this.clock.advance(Duration.ofSeconds(45));
		Sessions.register(this.store, "s3");
		assertThat(this.store.heldSessions()).isEqualTo(3);
		this.clock.advance(Duration.ofSeconds(15));
		assertThat(this.store.heldSessions()).isOne();
		this.clock.advance(Duration.ofSeconds(60));
		assertThat(this.store.heldSessions()).isZero();
	}

	@Test
	void sweepKeepsSessionsWithAnOpenStream() {
		Connection connection = Sessions.register(this.store, "s1");
		TestSubscriber<Delivery> stream = TestSubscriber.create();
		connection.events().subscribe(stream);
		this.clock.advance(TTL.multipliedBy(3));
		assertThat(this.store.heldSessions()).isOne();
		stream.cancel();
	}

	@Test
	void sweepRunsEveryHalfTtlButAtLeastEveryThirtySeconds() {
		assertThat(MemoryStore.sweepInterval(1)).isEqualTo(1);
		assertThat(MemoryStore.sweepInterval(100)).isEqualTo(50);
		assertThat(MemoryStore.sweepInterval(Duration.ofSeconds(20).toMillis())).isEqualTo(10_000);
		assertThat(MemoryStore.sweepInterval(Duration.ofMinutes(1).toMillis())).isEqualTo(30_000);
		assertThat(MemoryStore.sweepInterval(Duration.ofHours(24).toMillis())).isEqualTo(30_000);
		assertThat(MemoryStore.sweepInterval(Long.MAX_VALUE)).isEqualTo(30_000);
	}

	@Test
	void registerOfAnExpiredIdDoesNotLeaveTheOldSessionBehind() {
		Sessions.register(this.store, "s1");
		this.clock.advance(TTL);
		this.store.register(Sessions.meta("s1")).block();
		assertThat(this.store.heldSessions()).isOne();
	}

}
