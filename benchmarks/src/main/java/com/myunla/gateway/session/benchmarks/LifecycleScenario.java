package com.myunla.gateway.session.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import com.myunla.gateway.session.redis.RedisStore;
import reactor.core.publisher.Mono;

/**
 * {@code lifecycle}: register, get and unregister sessions with a realistic {@code Meta}
 * (10 headers, 3 cookies, 3 query parameters), {@value #CONCURRENCY} lifecycles in
 * flight. Baseline in the same rounds: Spring Session's reactive Redis repository
 * creating, saving, finding and deleting sessions holding the same data. One operation is
 * one whole lifecycle.
 */
final class LifecycleScenario implements Scenario {

	static final int CONCURRENCY = 16;

	@Override
	public String name() {
		return "lifecycle";
	}

	@Override
	public Result run(BenchContext context) throws Exception {
		RunMode mode = context.mode();
		try (RedisStore store = context.redisStore("bench-lifecycle");
				SpringSessionBaseline springSession = new SpringSessionBaseline(context.host(), context.port())) {
			CpuMeter cpu = new CpuMeter(context.admin());
			List<Figures> storeRounds = new ArrayList<>();
			List<Figures> springRounds = new ArrayList<>();
			for (int round = 0; round < mode.warmups() + mode.rounds(); round++) {
				boolean warmup = round < mode.warmups();
				Figures storeFigures = measure(mode.roundTime(), cpu, () -> Mono.defer(() -> {
					String id = Fixtures.newId();
					return store.register(Fixtures.meta(id)).then(store.get(id)).then(store.unregister(id));
				}));
				Figures springFigures = measure(mode.roundTime(), cpu,
						() -> Mono.defer(() -> springSession.lifecycle(Fixtures.request(Fixtures.newId()))));
				context.progress(String.format("%s round %d: store %s ops/s, Spring Session %s ops/s",
						warmup ? "warm-up" : "measured", round + 1, Stats.count(storeFigures.perSecond()),
						Stats.count(springFigures.perSecond())));
				if (!warmup) {
					storeRounds.add(storeFigures);
					springRounds.add(springFigures);
				}
			}
			double storeRate = Stats.median(storeRounds, Figures::perSecond);
			double springRate = Stats.median(springRounds, Figures::perSecond);
			double ratio = storeRate / springRate;
			double storeJvm = Stats.median(storeRounds, Figures::jvmCpu);
			double storeRedis = Stats.median(storeRounds, Figures::redisCpu);
			double springJvm = Stats.median(springRounds, Figures::jvmCpu);
			double springRedis = Stats.median(springRounds, Figures::redisCpu);
			return new Result(name()).figure("store_ops_per_s", storeRate)
				.figure("spring_session_ops_per_s", springRate)
				.figure("ratio", ratio)
				.figure("store_jvm_cpu_us_per_op", storeJvm)
				.figure("store_redis_cpu_us_per_op", storeRedis)
				.figure("spring_session_jvm_cpu_us_per_op", springJvm)
				.figure("spring_session_redis_cpu_us_per_op", springRedis)
				.row("lifecycles/s", Stats.count(storeRate), "Spring Session " + Stats.count(springRate))
				.row("ratio store/Spring Session", Stats.decimal(ratio), null)
				.row("JVM CPU per lifecycle", Stats.cpu(storeJvm), "Spring Session " + Stats.cpu(springJvm))
				.row("Redis CPU per lifecycle", Stats.cpu(storeRedis), "Spring Session " + Stats.cpu(springRedis))
				.target("ratio >= 1.5", Stats.decimal(ratio), ratio >= 1.5)
				.note("one op = register + get + unregister (store) or create + save + findById + deleteById "
						+ "(Spring Session, JDK-serialized attributes, its default); " + CONCURRENCY
						+ " in flight; medians of " + mode.rounds() + " rounds of " + mode.roundTime().toMillis()
						+ " ms; rounds alternate");
		}
	}

	private static Figures measure(Duration time, CpuMeter cpu, Supplier<Mono<?>> lifecycle) {
		CpuMeter.Sample before = cpu.sample();
		ClosedLoop.Run run = ClosedLoop.run(time, CONCURRENCY, lifecycle);
		CpuMeter.Cost cost = cpu.sample().since(before, run.operations());
		return new Figures(run.perSecond(), cost.jvmMicros(), cost.redisMicros());
	}

	/**
	 * The figures of one round.
	 */
	private record Figures(double perSecond, double jvmCpu, double redisCpu) {
	}

}
