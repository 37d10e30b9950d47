package com.myunla.gateway.session.benchmarks;

import java.util.ArrayList;

import com.myunla.gateway.session.redis.RedisStore;
import reactor.core.publisher.Flux;

/**
 * {@code redis_memory}: how much Redis memory a registered session takes. Registers
 * sessions with the {@code lifecycle} scenario's {@code Meta} and reads Redis's
 * {@code used_memory} before and after; then, on a flushed Redis, the same for Spring
 * Session sessions holding the same data.
 */
final class RedisMemoryScenario implements Scenario {

	private static final int CONCURRENCY = 64;

	@Override
	public String name() {
		return "redis_memory";
	}

	@Override
	public Result run(BenchContext context) throws Exception {
		int sessions = context.mode().redisMemorySessions();
		RedisAdmin admin = context.admin();
		double storeBytes;
		try (RedisStore store = context.redisStore("bench-memory")) {
			storeBytes = admin.registerSessions(store, sessions, new ArrayList<>());
		}
		context.progress(String.format("store: %,.0f bytes per session", storeBytes));
		double springBytes;
		try (SpringSessionBaseline springSession = new SpringSessionBaseline(context.host(), context.port())) {
			admin.flushAll();
			springBytes = admin.memoryGrowth(sessions,
					() -> Flux.range(0, sessions)
						.flatMap((i) -> springSession.create(Fixtures.request(Fixtures.newId())), CONCURRENCY)
						.blockLast());
		}
		context.progress(String.format("Spring Session: %,.0f bytes per session", springBytes));
		admin.flushAll();
		return new Result(name()).figure("store_bytes_per_session", storeBytes)
			.figure("spring_session_bytes_per_session", springBytes)
			.row("Redis bytes per session", Stats.count(storeBytes), "Spring Session " + Stats.count(springBytes))
			.target("store_bytes_per_session <= spring_session_bytes_per_session",
					Stats.count(storeBytes) + " vs " + Stats.count(springBytes), storeBytes <= springBytes)
			.note(String.format(
					"growth of Redis used_memory over %,d registered sessions%s; Spring Session "
							+ "with JDK-serialized attributes (its default)",
					sessions, (sessions < 100_000) ? " (fewer than the 100,000 of the full mode)" : ""));
	}

}
