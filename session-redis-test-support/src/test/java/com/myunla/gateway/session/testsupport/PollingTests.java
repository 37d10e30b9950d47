package com.myunla.gateway.session.testsupport;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link Polling}.
 */
class PollingTests {

	@Test
	void returnsTheFirstValue() {
		AtomicInteger calls = new AtomicInteger();
		String value = Polling.await("the third call", Duration.ofSeconds(5),
				() -> (calls.incrementAndGet() < 3) ? null : "done");
		assertThat(value).isEqualTo("done");
		assertThat(calls).hasValue(3);
	}

	@Test
	void timeoutNamesWhatWasAwaitedAndTheLastReason() {
		assertThatIllegalStateException().isThrownBy(() -> Polling.await("the moon", Duration.ofMillis(50), () -> {
			throw new IllegalStateException("still a sickle");
		})).withMessage("Timed out after 50 ms waiting for the moon; last: still a sickle");
	}

	@Test
	void abortStopsAtOnce() {
		AtomicInteger calls = new AtomicInteger();
		assertThatExceptionOfType(Polling.Abort.class)
			.isThrownBy(() -> Polling.await("nothing", Duration.ofSeconds(30), () -> {
				calls.incrementAndGet();
				throw new Polling.Abort("gave up");
			}));
		assertThat(calls).hasValue(1);
	}

}
