package com.myunla.gateway.session.benchmarks;

import java.util.ArrayList;
import java.util.List;

import com.myunla.gateway.session.redis.RedisStore;
import reactor.core.publisher.Mono;

/**
 * {@code lifecycle}: register, get and unregister sessions with a realistic {@code Meta} (10 headers, 3 cookies,
 * 3 query parameters), {@value #CONCURRENCY} lifecycles in flight. Baseline in the same rounds: Spring
 * Session's reactive Redis repository creating, saving, finding and deleting sessions holding the same data.
 * One operation is one whole lifecycle.
 */
final class LifecycleScenario implements Scenario {

	static final int CONCURRENCY = 16;

	@Override
	public String name() {
		return "lifecycle";
	}

	@Override
	public Result run(BenchContext context) throws Exception {
		Mode mode = context.mode();
		try (RedisStore store = context.redisStore("bench-lifecycle");
				SpringSessionBaseline springSession = new SpringSessionBaseline(context.host(), context.port())) {
			List<Double> storeRounds = new ArrayList<>();
			List<Double> springRounds = new ArrayList<>();
			for (int round = 0; round < mode.warmups() + mode.rounds(); round++) {
				boolean warmup = round < mode.warmups();
				double storeRate = ClosedLoop.run(mode.roundTime(), CONCURRENCY, () -> Mono.defer(() -> {
					String id = Fixtures.newId();
					return store.register(Fixtures.meta(id)).then(store.get(id)).then(store.unregister(id));
				})).perSecond();
				double springRate = ClosedLoop.run(mode.roundTime(), CONCURRENCY,
						() -> Mono.defer(() -> springSession.lifecycle(Fixtures.request(Fixtures.newId()))))
					.perSecond();
				context.progress(String.format("%s round %d: store %s ops/s, Spring Session %s ops/s",
						warmup ? "warm-up" : "measured", round + 1, Stats.count(storeRate), Stats.count(springRate)));
				if (!warmup) {
					storeRounds.add(storeRate);
					springRounds.add(springRate);
				}
			}
			double storeRate = Stats.median(storeRounds, Double::doubleValue);
			double springRate = Stats.median(springRounds, Double::doubleValue);
			double ratio = storeRate / springRate;
			return new Result(name()).figure("store_ops_per_s", storeRate)
				.figure("spring_session_ops_per_s", springRate)
				.figure("ratio", ratio)
				.row("lifecycles/s", Stats.count(storeRate), "Spring Session " + Stats.count(springRate))
				.row("ratio store/Spring Session", Stats.decimal(ratio), null)
				.target("ratio >= 1.5", Stats.decimal(ratio), ratio >= 1.5)
				.note("one op = register + get + unregister (store) or create + save + findById + deleteById "
						+ "(Spring Session, JDK-serialized attributes, its default); " + CONCURRENCY
						+ " in flight; medians of " + mode.rounds() + " rounds of " + mode.roundTime().toMillis()
						+ " ms; rounds alternate");
		}
	}

}
