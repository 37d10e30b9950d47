package com.myunla.gateway.session.benchmarks;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Starts an asynchronous operation at a fixed rate for a given time, whether or not
 * earlier ones completed: the offered load of many independent clients. Each operation is
 * given the time it was due, so that a latency measured from it includes any delay in
 * starting it (no coordinated omission).
 */
final class OpenLoop {

	private OpenLoop() {
	}

	/**
	 * Runs the loop on the calling thread.
	 * @param time how long to start operations
	 * @param perSecond operations started per second
	 * @param operation makes the operation due at the given {@link System#nanoTime()}; it
	 * is subscribed at once
	 * @return the number of operations started
	 * @throws IllegalStateException if an operation failed
	 */
	static long run(Duration time, int perSecond, LongFunction<? extends Mono<?>> operation) {
		long interval = 1_000_000_000L / perSecond;
		long total = time.toNanos() / interval;
		AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
		long start = System.nanoTime();
		for (long i = 0; i < total; i++) {
			long due = start + i * interval;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			operation.apply(due).subscribe(null, (error) -> failure.compareAndSet(null, error));
			Throwable error = failure.get();
			if (error != null) {
				throw new IllegalStateException("An operation failed", error);
			}
		}
		return total;
	}

}
