package com.myunla.gateway.session.benchmarks;

import java.time.Duration;
import java.util.Locale;

/**
 * How long and how large the scenarios run: {@link #QUICK} finishes in well under two
 * minutes and only keeps the harness from rotting (its numbers are rough), {@link #FULL}
 * is the one whose numbers are reported.
 *
 * @param name {@code quick} or {@code full}
 * @param warmups warm-up rounds before the measured ones, not reported
 * @param rounds measured rounds; each figure is the median over them
 * @param roundTime how long one timed round of a throughput scenario runs
 * @param memoryStoreSessions registered idle sessions for the heap figure of
 * {@code memory_store}
 * @param redisMemorySessions registered sessions for {@code redis_memory}
 * @param fanoutMessages messages sent per fleet size in {@code fanout}
 */
record RunMode(String name, int warmups, int rounds, Duration roundTime, int memoryStoreSessions,
		int redisMemorySessions, int fanoutMessages) {

	/** Short rounds, fewer sessions: for CI and for a first look. */
	static final RunMode QUICK = new RunMode("quick", 2, 3, Duration.ofSeconds(1), 100_000, 10_000, 2_000);

	/** The reported figures: longer rounds, more of them, 100,000 sessions in Redis. */
	static final RunMode FULL = new RunMode("full", 2, 5, Duration.ofSeconds(6), 100_000, 100_000, 20_000);

	/**
	 * Tells whether this is the full mode, in which scenarios with fixed sizes run
	 * longer.
	 * @return whether the figures are the reported ones
	 */
	boolean isFull() {
		return this == FULL;
	}

	static RunMode of(String name) {
		return switch (name.toLowerCase(Locale.ROOT)) {
			case "quick" -> QUICK;
			case "full" -> FULL;
			default -> throw new IllegalArgumentException("Unknown mode '" + name + "' (quick or full)");
		};
	}

}
