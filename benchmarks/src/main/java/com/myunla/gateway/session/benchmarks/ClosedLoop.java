package com.myunla.gateway.session.benchmarks;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs an asynchronous operation over and over for a given time, keeping a fixed number
 * of them in flight: the closed loop of that many concurrent callers, each starting its
 * next operation when its previous one completed.
 */
final class ClosedLoop {

	private static final Duration GRACE = Duration.ofSeconds(60);

	private ClosedLoop() {
	}

	/**
	 * Runs the loop.
	 * @param time how long to keep starting operations
	 * @param concurrency how many operations are in flight at once
	 * @param operation makes the next operation; it is subscribed at once, so make it
	 * lazy if it takes timestamps
	 * @return the number of operations and the time from the start to the completion of
	 * the last one
	 */
	static Run run(Duration time, int concurrency, Supplier<? extends Mono<?>> operation) {
		AtomicLong started = new AtomicLong();
		long start = System.nanoTime();
		long deadline = start + time.toNanos();
		Flux.<Long>generate((sink) -> {
			if (System.nanoTime() < deadline) {
				sink.next(started.incrementAndGet());
			}
			else {
				sink.complete();
			}
		}).flatMap((i) -> operation.get(), concurrency, 1).then().block(time.plus(GRACE));
		return new Run(started.get(), start, System.nanoTime());
	}

	/**
	 * What a loop did.
	 *
	 * @param operations the number of operations completed
	 * @param startNanos {@link System#nanoTime()} at the start
	 * @param endNanos {@link System#nanoTime()} when the last operation completed
	 */
	record Run(long operations, long startNanos, long endNanos) {

		/**
		 * Returns the operations per second, up to the given end (for example the arrival
		 * of the last message that the operations sent).
		 * @param untilNanos the end of the measured time
		 * @return the rate
		 */
		double perSecond(long untilNanos) {
			return this.operations * 1e9 / (untilNanos - this.startNanos);
		}

		double perSecond() {
			return perSecond(this.endNanos);
		}

	}

}
