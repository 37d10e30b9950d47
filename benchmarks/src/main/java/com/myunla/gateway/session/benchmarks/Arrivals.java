package com.myunla.gateway.session.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counts the timestamped payloads that reached their consumer and records their latency
 * (send start to arrival) in an HdrHistogram. Safe for any number of delivering threads.
 */
final class Arrivals {

	private final AtomicLong count = new AtomicLong();

	private final Recorder latencies = new Recorder(3);

	private final AtomicReference<Throwable> failure = new AtomicReference<>();

	/**
	 * Records the arrival of a payload made by {@link Fixtures#timestampedPayload()}.
	 * @param payload the payload
	 */
	void arrived(byte[] payload) {
		this.latencies.recordValue(Math.max(0, Fixtures.elapsedNanos(payload)));
		this.count.incrementAndGet();
	}

	/**
	 * Records that a consumer failed, for example that a stream ended with an error.
	 * @param error the error
	 */
	void failed(Throwable error) {
		this.failure.compareAndSet(null, error);
	}

	long count() {
		return this.count.get();
	}

	/**
	 * Throws if a consumer failed.
	 * @throws TimeoutException naming the first failure
	 */
	void checkFailures() throws TimeoutException {
		Throwable error = this.failure.get();
		if (error != null) {
			throw (TimeoutException) new TimeoutException("A consumer failed: " + error).initCause(error);
		}
	}

	/**
	 * Returns the latencies recorded since the previous call and starts a new interval.
	 * @return the latencies in nanoseconds
	 */
	Histogram takeLatencies() {
		return this.latencies.getIntervalHistogram();
	}

	/**
	 * Waits until at least {@code expected} payloads arrived in total.
	 * @param expected the count to reach
	 * @param timeout how long to wait
	 * @return {@link System#nanoTime()} soon after the count was reached (within a
	 * millisecond)
	 * @throws TimeoutException if the count was not reached in time, or a consumer failed
	 */
	long await(long expected, Duration timeout) throws TimeoutException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.count.get() < expected) {
			checkFailures();
			if (System.nanoTime() > deadline) {
				throw new TimeoutException(
						"Only " + this.count.get() + " of " + expected + " messages arrived within " + timeout);
			}
			LockSupport.parkNanos(1_000_000);
		}
		return System.nanoTime();
	}

}
