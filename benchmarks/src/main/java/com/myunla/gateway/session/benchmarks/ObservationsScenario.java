package com.myunla.gateway.session.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import com.myunla.gateway.session.memory.MemoryStore;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.Disposable;
import reactor.core.Disposables;

/**
 * {@code observations}: what observing sends and deliveries costs. The
 * {@code memory_store} throughput (one sender thread per core, 256-byte messages to
 * {@value MemoryStoreScenario#SESSIONS} consuming streams) on a store without an
 * {@link ObservationRegistry} and on one whose registry has a handler that does nothing,
 * rounds alternating: the observed figure is the cost of the observations themselves (a
 * sender context per send, a receiver context per delivery), before any tracer or meter.
 */
final class ObservationsScenario implements Scenario {

	@Override
	public String name() {
		return "observations";
	}

	@Override
	public Result run(BenchContext context) throws Exception {
		RunMode mode = context.mode();
		int threads = Runtime.getRuntime().availableProcessors();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new NoOpHandler());
		List<Double> plainRounds = new ArrayList<>();
		List<Double> observedRounds = new ArrayList<>();
		try (MemoryStore plain = new MemoryStore();
				MemoryStore observed = MemoryStore.builder().observationRegistry(registry).build()) {
			LongAdder delivered = new LongAdder();
			AtomicReference<Throwable> failure = new AtomicReference<>();
			Disposable.Composite streams = Disposables.composite();
			List<String> plainIds = MemoryStoreScenario.consumingSessions(plain, streams, delivered, failure);
			List<String> observedIds = MemoryStoreScenario.consumingSessions(observed, streams, delivered, failure);
			try {
				for (int round = 0; round < mode.warmups() + mode.rounds(); round++) {
					boolean warmup = round < mode.warmups();
					double plainRate = MemoryStoreScenario.sendRound(plain, plainIds, threads, mode.roundTime(),
							delivered, failure);
					double observedRate = MemoryStoreScenario.sendRound(observed, observedIds, threads,
							mode.roundTime(), delivered, failure);
					context.progress(String.format("%s round %d: %s msgs/s without a registry, %s observed",
							warmup ? "warm-up" : "measured", round + 1, Stats.count(plainRate),
							Stats.count(observedRate)));
					if (!warmup) {
						plainRounds.add(plainRate);
						observedRounds.add(observedRate);
					}
				}
			}
			finally {
				streams.dispose();
			}
		}
		double plainRate = Stats.median(plainRounds, Double::doubleValue);
		double observedRate = Stats.median(observedRounds, Double::doubleValue);
		double extraNanos = 1e9 / observedRate - 1e9 / plainRate;
		return new Result(name()).figure("msgs_per_s_without_registry", plainRate)
			.figure("msgs_per_s_observed", observedRate)
			.figure("observed_ns_per_msg_extra", extraNanos)
			.row("send + deliver without a registry (msgs/s)", Stats.count(plainRate), null)
			.row("send + deliver observed, no-op handler (msgs/s)", Stats.count(observedRate),
					String.format("%+.0f ns per message (wall time over %d threads)", extraNanos, threads))
			.note(threads + " sender threads (one per core), " + MemoryStoreScenario.SESSIONS
					+ " consuming streams per store, " + Fixtures.PAYLOAD_SIZE + "-byte messages; medians of "
					+ mode.rounds() + " rounds of " + mode.roundTime().toMillis() + " ms, the two stores alternating");
	}

	/**
	 * A handler that takes every observation and does nothing with it.
	 */
	private static final class NoOpHandler implements ObservationHandler<Observation.Context> {

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

}
