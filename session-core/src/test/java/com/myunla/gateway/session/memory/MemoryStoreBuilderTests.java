package com.myunla.gateway.session.memory;

import java.time.Duration;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.SessionNotFoundException;
import com.myunla.gateway.session.SlowConsumerException;
import com.myunla.gateway.session.testsupport.VirtualClock;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import reactor.test.subscriber.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link MemoryStoreBuilder}: argument checks and defaults.
 */
class MemoryStoreBuilderTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@Test
	void nullTtlIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> MemoryStore.builder().ttl(null))
			.withMessageContaining("ttl must be positive");
	}

	@Test
	void zeroTtlIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> MemoryStore.builder().ttl(Duration.ZERO))
			.withMessageContaining("ttl must be positive, was PT0S");
	}

	@Test
	void negativeTtlIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> MemoryStore.builder().ttl(Duration.ofSeconds(-1)))
			.withMessageContaining("ttl must be positive, was PT-1S");
	}

	@Test
	void retentionBelowOneIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> MemoryStore.builder().retention(0))
			.withMessageContaining("retention must be at least 1, was 0");
	}

	@Test
	void bufferSizeBelowOneIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> MemoryStore.builder().bufferSize(-3))
			.withMessageContaining("bufferSize must be at least 1, was -3");
	}

	@Test
	void maxMessageSizeBelowOneIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> MemoryStore.builder().maxMessageSize(0))
			.withMessageContaining("maxMessageSize must be at least 1, was 0");
	}

	@Test
	void nullClockIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> MemoryStore.builder().clock(null))
			.withMessageContaining("clock must not be null");
	}

	@Test
	void retentionPlusBufferSizeBeyondLimitIsRejected() {
		MemoryStoreBuilder builder = MemoryStore.builder().retention(MemoryStore.MAX_HELD_MESSAGES).bufferSize(1);
		assertThatIllegalArgumentException().isThrownBy(builder::build)
			.withMessageContaining("retention (1073741824) plus bufferSize (1) must not exceed 1073741824");
	}

	@Test
	void defaultConstructorBuildsAWorkingStore() {
		try (MemoryStore store = new MemoryStore()) {
			Connection connection = Sessions.register(store, "s1");
			Sessions.send(connection, "hello");
			StepVerifier.create(connection.events().map((delivery) -> delivery.message().dataAsString()))
				.expectNext("hello")
				.thenCancel()
				.verify(TIMEOUT);
		}
	}

	@Test
	void defaultTtlIsOneDay() {
		VirtualClock clock = new VirtualClock();
		try (MemoryStore store = Sessions.onVirtualTime(clock).build()) {
			Sessions.register(store, "s1");
			clock.advance(Duration.ofHours(24).minusMillis(1));
			StepVerifier.create(store.get("s1")).expectNextCount(1).verifyComplete();
			clock.advance(Duration.ofHours(24));
			StepVerifier.create(store.get("s1")).verifyError(SessionNotFoundException.class);
		}
	}

	@Test
	void ttlShorterThanAMillisecondCountsAsOne() {
		VirtualClock clock = new VirtualClock();
		try (MemoryStore store = Sessions.onVirtualTime(clock).ttl(Duration.ofNanos(1)).build()) {
			Sessions.register(store, "s1");
			StepVerifier.create(store.get("s1")).expectNextCount(1).verifyComplete();
			clock.advance(Duration.ofMillis(1));
			StepVerifier.create(store.get("s1")).verifyError(SessionNotFoundException.class);
		}
	}

	@Test
	void hugeTtlNeverExpires() {
		VirtualClock clock = new VirtualClock();
		try (MemoryStore store = Sessions.onVirtualTime(clock).ttl(Duration.ofSeconds(Long.MAX_VALUE)).build()) {
			Sessions.register(store, "s1");
			clock.advance(Duration.ofDays(30));
			StepVerifier.create(store.get("s1")).expectNextCount(1).verifyComplete();
		}
	}

	@Test
	void defaultRetentionIs256Messages() {
		try (MemoryStore store = MemoryStore.builder().build()) {
			Connection connection = Sessions.register(store, "s1");
			for (int i = 0; i < 300; i++) {
				Sessions.send(connection, "m" + i);
			}
			StepVerifier.create(connection.events().take(2))
				.expectNext(MemoryIds.gap(0, 45))
				.assertNext((delivery) -> assertThat(delivery.id()).isEqualTo("45"))
				.verifyComplete();
		}
	}

	@Test
	void defaultBufferSizeIs256Messages() {
		try (MemoryStore store = MemoryStore.builder().build()) {
			Connection connection = Sessions.register(store, "s1");
			TestSubscriber<Delivery> stream = TestSubscriber.builder().initialRequest(0).build();
			connection.events().subscribe(stream);
			for (int i = 0; i < 256; i++) {
				Sessions.send(connection, "m" + i);
			}
			assertThat(stream.isTerminated()).isFalse();
			Sessions.send(connection, "one too many");
			assertThat(stream.expectTerminalError()).isInstanceOf(SlowConsumerException.class);
		}
	}

	@Test
	void defaultMaxMessageSizeIs256Kibibytes() {
		try (MemoryStore store = MemoryStore.builder().build()) {
			Connection connection = Sessions.register(store, "s1");
			StepVerifier.create(connection.send(new Message("big", new byte[256 * 1024]))).verifyComplete();
			StepVerifier.create(connection.send(new Message("big", new byte[256 * 1024 + 1])))
				.verifyErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
					.hasMessage("Message of 262145 bytes exceeds the limit of 262144 bytes"));
		}
	}

	@Test
	void defaultBufferBytesIsOneMebibyte() {
		try (MemoryStore store = MemoryStore.builder().build()) {
			Connection connection = Sessions.register(store, "s1");
			TestSubscriber<Delivery> stream = TestSubscriber.builder().initialRequest(0).build();
			connection.events().subscribe(stream);
			for (int i = 0; i < 4; i++) {
				connection.send(new Message("big", new byte[256 * 1024])).block(TIMEOUT);
			}
			assertThat(stream.isTerminated()).isFalse();
			connection.send(new Message("small", new byte[1])).block(TIMEOUT);
			assertThat(stream.expectTerminalError()).isInstanceOf(SlowConsumerException.class)
				.hasMessageContaining("fell more than 1048576 bytes of message data behind");
		}
	}

	@Test
	void defaultRetentionBytesIsTwoMebibytes() {
		try (MemoryStore store = MemoryStore.builder().build()) {
			Connection connection = Sessions.register(store, "s1");
			for (int i = 0; i < 9; i++) {
				connection.send(new Message("big", new byte[256 * 1024])).block(TIMEOUT);
			}
			StepVerifier.create(connection.events().take(2))
				.expectNext(MemoryIds.gap(0, 2))
				.assertNext((delivery) -> assertThat(delivery.id()).isEqualTo("2"))
				.verifyComplete();
		}
	}

	@Test
	void byteLimitsBelowOneAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> MemoryStore.builder().bufferBytes(0))
			.withMessageContaining("bufferBytes must be at least 1, was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> MemoryStore.builder().retentionBytes(-1))
			.withMessageContaining("retentionBytes must be at least 1, was -1");
	}

	@Test
	void maxMessageSizeBeyondTheBufferBytesIsRejected() {
		MemoryStoreBuilder builder = MemoryStore.builder().bufferBytes(1000).maxMessageSize(1001);
		assertThatIllegalArgumentException().isThrownBy(builder::build)
			.withMessage("Memory session store maxMessageSize (1001) must not exceed bufferBytes (1000): "
					+ "a message that large could never be delivered");
	}

	@Test
	void maxMessageSizeBeyondTheRetentionBytesIsRejected() {
		MemoryStoreBuilder builder = MemoryStore.builder().retentionBytes(1000).maxMessageSize(1001);
		assertThatIllegalArgumentException().isThrownBy(builder::build)
			.withMessage("Memory session store maxMessageSize (1001) must not exceed retentionBytes (1000): "
					+ "a message that large could never be retained");
	}

}
