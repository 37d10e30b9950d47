package com.myunla.gateway.session.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.redis.RedisStore;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;

/**
 * {@code idle_streams}: what open streams that receive nothing cost Redis. One store instance holds the
 * streams of {@value #STREAMS} sessions; the figure is the number of requests (commands and script calls,
 * counted once each from {@code MONITOR}) that Redis receives per stream and per minute. Baseline, in the same
 * run: the same store with the same sessions registered and no stream open, over a window of the same length,
 * whose requests (liveness probes, index sweeps) are subtracted.
 *
 * <p>The store touches each open stream once per touch interval, {@code min(ttl / 3, 30 s)}. The scenario runs
 * with a ttl of {@value #TTL_SECONDS} s, so that a window of a few seconds covers whole intervals (the sessions
 * are registered by another instance with the default ttl, so that none expires), and reports
 * the requests per stream per interval, and per minute at the default interval of 30 s (any ttl of 90 s or
 * more).
 */
final class IdleStreamsScenario implements Scenario {

	static final int STREAMS = 10_000;

	static final long TTL_SECONDS = 9;

	private static final Duration TTL = Duration.ofSeconds(TTL_SECONDS);

	/** The store's touch interval at this ttl: {@code min(ttl / 3, 30 s)}. */
	private static final Duration TOUCH_INTERVAL = TTL.dividedBy(3);

	private static final Duration DEFAULT_TOUCH_INTERVAL = Duration.ofSeconds(30);

	private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(60);

	private static final int CONCURRENCY = 64;

	@Override
	public String name() {
		return "idle_streams";
	}

	@Override
	public Result run(BenchContext context) throws Exception {
		int intervals = context.mode().isFull() ? 5 : 1;
		Duration window = TOUCH_INTERVAL.multipliedBy(intervals);
		Disposable.Composite streams = Disposables.composite();
		try (RedisStore registrar = context.redisStore("bench-idle-registrar");
				RedisStore store = context.redisStore("bench-idle", (redis) -> redis.setTtl(TTL));
				CommandMonitor monitor = new CommandMonitor(context.host(), context.port(), context.admin())) {
			// Registered with the default ttl of a day by another instance, so that no session expires and no
			// index entry falls due for the sweep while the windows run; listing them is not activity.
			Flux.range(0, STREAMS)
				.flatMap((i) -> registrar.register(Fixtures.meta(Fixtures.newId())), CONCURRENCY)
				.blockLast();
			registrar.close();
			List<Connection> connections = store.list().collectList().block();
			Map<String, Long> idle = window(monitor, window);
			context.progress(String.format("no stream open: %,d requests in %d s %s", idle.get("total"),
					window.toSeconds(), idle));
			Arrivals failures = new Arrivals();
			for (Connection connection : connections) {
				streams.add(connection.events().subscribe((delivery) -> {
				}, failures::failed));
			}
			awaitStreams(store, STREAMS, failures);
			// Let the first touch of every new stream pass, so that the window sees steady ticks only.
			LockSupport.parkNanos(TOUCH_INTERVAL.toNanos());
			Map<String, Long> open = window(monitor, window);
			int stillOpen = store.localStreams();
			context.progress(String.format("%,d streams open: %,d requests in %d s %s", stillOpen, open.get("total"),
					window.toSeconds(), open));
			double perInterval = (open.get("total") - idle.get("total")) / (double) STREAMS / intervals;
			double perMinute = perInterval * (Duration.ofMinutes(1).toNanos() / (double) DEFAULT_TOUCH_INTERVAL.toNanos());
			double perMinuteHere = perInterval * (Duration.ofMinutes(1).toNanos() / (double) TOUCH_INTERVAL.toNanos());
			return new Result(name()).figure("requests_per_stream_per_interval", perInterval)
				.figure("requests_per_stream_per_minute", perMinute)
				.figure("requests_per_stream_per_minute_at_run_ttl", perMinuteHere)
				.figure("streams_open_at_end", stillOpen)
				.row("Redis requests per idle stream per touch interval", Stats.decimal(perInterval), null)
				.row("Redis requests per idle stream per minute (30 s interval)", Stats.decimal(perMinute),
						"no stream open: " + Stats.count(idle.get("total")) + " in the window")
				.target("requests_per_stream_per_minute <= 0.2", Stats.decimal(perMinute), perMinute <= 0.2)
				.note(String.format("%,d idle streams on one instance, ttl %d s (touch interval %d s); windows of "
						+ "%d s, requests counted from MONITOR (a script call counts once); streams: %s; "
						+ "without streams: %s", STREAMS, TTL_SECONDS, TOUCH_INTERVAL.toSeconds(), window.toSeconds(),
						open, idle));
		}
		finally {
			streams.dispose();
		}
	}

	private static Map<String, Long> window(CommandMonitor monitor, Duration window) throws Exception {
		Map<String, Long> before = monitor.mark();
		LockSupport.parkNanos(window.toNanos());
		return CommandMonitor.difference(before, monitor.mark());
	}

	/**
	 * Waits until the store holds the given number of open streams.
	 * @param store the store
	 * @param count the number of streams
	 * @param streams where the streams report their errors
	 * @throws TimeoutException if they do not open within a minute, or one of them failed
	 */
	static void awaitStreams(RedisStore store, int count, Arrivals streams) throws TimeoutException {
		long deadline = System.nanoTime() + OPEN_TIMEOUT.toNanos();
		while (store.localStreams() < count) {
			streams.await(0, Duration.ZERO);
			if (System.nanoTime() > deadline) {
				throw new TimeoutException(
						"Only " + store.localStreams() + " of " + count + " streams opened within " + OPEN_TIMEOUT);
			}
			LockSupport.parkNanos(10_000_000);
		}
	}

}
