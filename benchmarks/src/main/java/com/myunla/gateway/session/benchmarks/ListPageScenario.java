package com.myunla.gateway.session.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.redis.RedisStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code list_page}: the time to read the first page of {@value #PAGE_SIZE} sessions from
 * the Redis store ({@code Store.list(null, pageSize)}) with {@value #SMALL} registered
 * sessions (the baseline, in the same run) and with many more (100,000 in the full mode).
 * Two stores with different key prefixes hold the two registries, and their reads
 * alternate, so that both see the same machine. A listing whose cost follows the page
 * rather than the registry reads both in about the same time. The figure is the median of
 * the reads.
 */
final class ListPageScenario implements Scenario {

	static final int PAGE_SIZE = 100;

	static final int SMALL = 1_000;

	private static final int CONCURRENCY = 64;

	private static final int WARMUP_READS = 100;

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

	@Override
	public String name() {
		return "list_page";
	}

	@Override
	public Result run(BenchContext context) throws Exception {
		int large = context.mode().redisMemorySessions();
		int reads = context.mode().isFull() ? 200 : 50;
		try (RedisStore smallStore = context.redisStore("bench-list-small", (redis) -> redis.prefix("small"));
				RedisStore largeStore = context.redisStore("bench-list-large", (redis) -> redis.prefix("large"))) {
			register(smallStore, SMALL);
			register(largeStore, large);
			List<Double> smallTimes = new ArrayList<>();
			List<Double> largeTimes = new ArrayList<>();
			for (int i = 0; i < WARMUP_READS + reads; i++) {
				double smallTime = pageMillis(smallStore);
				double largeTime = pageMillis(largeStore);
				if (i >= WARMUP_READS) {
					smallTimes.add(smallTime);
					largeTimes.add(largeTime);
				}
			}
			double small = Stats.median(smallTimes, Double::doubleValue);
			double big = Stats.median(largeTimes, Double::doubleValue);
			context.progress(String.format("%,d sessions: %.2f ms per page; %,d sessions: %.2f ms per page", SMALL,
					small, large, big));
			double ratio = big / small;
			return new Result(name()).figure("page_ms_small", small)
				.figure("page_ms_large", big)
				.figure("ratio", ratio)
				.row(String.format("one page of %d, %,d sessions (ms)", PAGE_SIZE, large), Stats.decimal(big),
						String.format("%,d sessions %s", SMALL, Stats.decimal(small)))
				.row("ratio large/small", Stats.decimal(ratio), null)
				.target("page time ratio <= 2", Stats.decimal(ratio), ratio <= 2)
				.note(String.format(
						"median of %d reads of the first page of %d from each registry, alternating, "
								+ "after %d warm-up reads; %,d vs %,d registered sessions%s",
						reads, PAGE_SIZE, WARMUP_READS, large, SMALL,
						(large < 100_000) ? " (fewer than the 100,000 of the full mode)" : ""));
		}
	}

	private static void register(Store store, int count) {
		Flux.range(0, count).flatMap((i) -> store.register(Fixtures.meta(Fixtures.newId())), CONCURRENCY).blockLast();
	}

	private static double pageMillis(Store store) {
		long start = System.nanoTime();
		long read = firstPage(store).block(READ_TIMEOUT);
		double millis = (System.nanoTime() - start) / 1e6;
		if (read != PAGE_SIZE) {
			throw new IllegalStateException("A page held " + read + " sessions instead of " + PAGE_SIZE);
		}
		return millis;
	}

	/**
	 * Reads the first page and returns how many sessions it held.
	 */
	private static Mono<Long> firstPage(Store store) {
		return store.list(null, PAGE_SIZE).map((page) -> (long) page.sessions().size());
	}

}
