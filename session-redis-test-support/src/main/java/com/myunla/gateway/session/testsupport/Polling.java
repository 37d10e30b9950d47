package com.myunla.gateway.session.testsupport;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Waits for a condition by asking a probe again and again until it answers or a deadline
 * passes. Starting, linking and failing over Redis processes take however long they take
 * on a loaded machine, so nothing in this package waits for a fixed time.
 */
final class Polling {

	private static final Duration FIRST_PAUSE = Duration.ofMillis(10);

	private static final Duration LONGEST_PAUSE = Duration.ofMillis(200);

	private Polling() {
	}

	/**
	 * Asks the probe until it returns a value.
	 * @param what what is awaited, for the timeout message
	 * @param timeout how long to keep asking
	 * @param probe returns the awaited value, or {@code null} or throws (the reason is
	 * kept for the timeout message) when it is not there yet; throws {@link Abort} to
	 * give up at once
	 * @return the probe's value
	 * @throws IllegalStateException on timeout, naming the probe's last reason
	 */
	static <T> T await(String what, Duration timeout, Probe<T> probe) {
		long deadline = System.nanoTime() + timeout.toNanos();
		Duration pause = FIRST_PAUSE;
		@Nullable Exception lastFailure = null;
		while (true) {
			try {
				T value = probe.poll();
				if (value != null) {
					return value;
				}
			}
			catch (Abort ex) {
				throw ex;
			}
			catch (Exception ex) {
				lastFailure = ex;
			}
			if (System.nanoTime() - deadline > 0) {
				String reason = (lastFailure != null) ? "; last: " + lastFailure.getMessage() : "";
				throw new IllegalStateException(
						"Timed out after " + timeout.toMillis() + " ms waiting for " + what + reason, lastFailure);
			}
			pause(pause);
			pause = (pause.compareTo(LONGEST_PAUSE) < 0) ? pause.multipliedBy(2) : LONGEST_PAUSE;
		}
	}

	private static void pause(Duration pause) {
		try {
			Thread.sleep(pause.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while polling", ex);
		}
	}

	/**
	 * Looks once for the awaited state.
	 *
	 * @param <T> the type of the awaited value
	 */
	@FunctionalInterface
	interface Probe<T> {

		@Nullable T poll() throws Exception;

	}

	/**
	 * Thrown by a probe when waiting longer cannot help, for example because the process
	 * it waits for died.
	 */
	static final class Abort extends RuntimeException {

		Abort(String message) {
			super(message);
		}

	}

}
