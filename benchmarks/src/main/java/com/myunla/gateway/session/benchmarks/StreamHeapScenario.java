package com.myunla.gateway.session.benchmarks;

import java.lang.ref.Reference;
import java.util.List;
import java.util.Map;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.memory.MemoryStore;
import com.myunla.gateway.session.redis.RedisStore;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;

/**
 * {@code stream_heap}: the JVM heap an open stream takes in the store (its subscriber
 * here does nothing). The sessions of {@value #STREAMS} streams are registered first; the
 * figure is the growth of the used heap after {@link System#gc()} ({@code MemoryMXBean})
 * when their streams open, per stream. The class histogram of the same growth names the
 * largest parts. Baseline, in the same run: the same for the in-memory store.
 */
final class StreamHeapScenario implements Scenario {

	static final int STREAMS = 10_000;

	private static final int CONCURRENCY = 64;

	private static final int TOP_CLASSES = 12;

	@Override
	public String name() {
		return "stream_heap";
	}

	@Override
	public Result run(BenchContext context) throws Exception {
		// The memory store first: a Redis store releases its client's resources in the
		// background after it closed, which would shrink the heap under a measurement
		// that came next.
		Measured memory;
		try (MemoryStore store = new MemoryStore()) {
			memory = measure(store);
		}
		context.progress(String.format("memory store: %,.0f bytes per open stream (%s)", memory.bytesPerStream(),
				memory.classes()));
		Measured redis;
		try (RedisStore store = context.redisStore("bench-heap")) {
			redis = measure(store);
		}
		context.progress(String.format("Redis store: %,.0f bytes per open stream (%s)", redis.bytesPerStream(),
				redis.classes()));
		return new Result(name()).figure("redis_store_bytes_per_stream", redis.bytesPerStream())
			.figure("memory_store_bytes_per_stream", memory.bytesPerStream())
			.row("heap per open stream (store only)", Stats.count(redis.bytesPerStream()) + " B",
					"memory store " + Stats.count(memory.bytesPerStream()) + " B")
			.target("redis_store_bytes_per_stream <= 2,048", Stats.count(redis.bytesPerStream()),
					redis.bytesPerStream() <= 2048)
			.note(String.format(
					"%,d streams opened on registered sessions; used heap after System.gc() via "
							+ "MemoryMXBean; Redis store %s; memory store %s",
					STREAMS, redis.classes(), memory.classes()));
	}

	/**
	 * Registers the sessions, then opens their streams and measures what the streams
	 * added.
	 */
	private static Measured measure(Store store) throws Exception {
		List<Connection> connections = Flux.range(0, STREAMS)
			.flatMap((i) -> store.register(Fixtures.meta(Fixtures.newId())), CONCURRENCY)
			.collectList()
			.block();
		Disposable.Composite streams = Disposables.composite();
		try {
			long before = HeapMeter.usedHeap();
			Map<String, Long> classesBefore = HeapMeter.histogram();
			if (store instanceof RedisStore redisStore) {
				IdleStreamsScenario.openStreams(redisStore, connections, streams);
			}
			else {
				Arrivals failures = new Arrivals();
				for (Connection connection : connections) {
					streams.add(connection.events().subscribe((delivery) -> {
					}, failures::failed));
				}
				failures.checkFailures();
			}
			long after = HeapMeter.usedHeap();
			Map<String, Long> classesAfter = HeapMeter.histogram();
			Reference.reachabilityFence(connections);
			return new Measured((after - before) / (double) STREAMS,
					HeapMeter.growth(classesBefore, classesAfter, STREAMS, TOP_CLASSES));
		}
		finally {
			streams.dispose();
		}
	}

	private record Measured(double bytesPerStream, String classes) {
	}

}
