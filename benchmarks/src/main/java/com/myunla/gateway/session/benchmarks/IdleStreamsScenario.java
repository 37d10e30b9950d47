package com.myunla.gateway.session.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.redis.RedisMode;
import com.myunla.gateway.session.redis.RedisStore;
import com.myunla.gateway.session.redis.RedisStoreBuilder;
import com.myunla.gateway.session.testsupport.RedisCluster;
import com.myunla.gateway.session.testsupport.RedisNode;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;

/**
 * {@code idle_streams}: what open streams that receive nothing cost Redis. One store
 * instance holds the streams of {@value #STREAMS} sessions ({@value #QUICK_STREAMS} in
 * quick mode); the figure is the number of requests per stream and per minute. On a
 * single Redis, every request counts once ({@code MONITOR}: commands and script calls,
 * not the commands inside scripts); on a Redis Cluster of 3 masters, which the scenario
 * starts itself, the script calls ({@code EVALSHA} in the masters'
 * {@code INFO commandstats}). Baseline, in the same run: the same store with the same
 * sessions registered and no stream open, over a window of the same length, whose
 * requests (liveness probes, index sweeps) are subtracted.
 *
 * <p>
 * The store checks every open stream once per touch interval, {@code min(ttl / 3, 30 s)}.
 * The scenario runs with a ttl of {@value #TTL_SECONDS} s, so that a window of a few
 * seconds covers whole intervals (the sessions are registered by another instance with
 * the default ttl, so that none expires), and reports the requests per stream and minute
 * at the default interval of 30 s (any ttl of 90 s or more).
 */
final class IdleStreamsScenario implements Scenario {

	static final int STREAMS = 10_000;

	static final int QUICK_STREAMS = 2_000;

	static final long TTL_SECONDS = 9;

	private static final Duration TTL = Duration.ofSeconds(TTL_SECONDS);

	/** The store's touch interval at this ttl: {@code min(ttl / 3, 30 s)}. */
	private static final Duration TOUCH_INTERVAL = TTL.dividedBy(3);

	private static final Duration DEFAULT_TOUCH_INTERVAL = Duration.ofSeconds(30);

	private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(60);

	private static final int CONCURRENCY = 64;

	private static final int OPEN_CHUNK = 1_000;

	private static final Pattern EVALSHA_CALLS = Pattern.compile("^cmdstat_evalsha:calls=(\\d+)", Pattern.MULTILINE);

	@Override
	public String name() {
		return "idle_streams";
	}

	@Override
	public Result run(BenchContext context) throws Exception {
		int intervals = context.mode().isFull() ? 5 : 1;
		int count = context.mode().isFull() ? STREAMS : QUICK_STREAMS;
		Measured single;
		try (CommandMonitor monitor = new CommandMonitor(context.host(), context.port(), context.admin())) {
			single = measure(context, (redis) -> {
			}, monitor::mark, count, intervals);
		}
		context.progress(single.describe("single Redis"));
		Measured cluster;
		try (RedisCluster redisCluster = RedisCluster.start()) {
			cluster = measure(context, (redis) -> redis.mode(RedisMode.CLUSTER).addresses(redisCluster.seedAddresses()),
					() -> scriptCalls(redisCluster), count, intervals);
		}
		context.progress(cluster.describe("Redis Cluster"));
		return new Result(name()).figure("requests_per_stream_per_interval", single.perInterval())
			.figure("requests_per_stream_per_minute", single.perMinute())
			.figure("cluster_script_calls_per_stream_per_minute", cluster.perMinute())
			.figure("streams_open_at_end", single.stillOpen())
			.figure("cluster_streams_open_at_end", cluster.stillOpen())
			.row("Redis requests per idle stream per minute (30 s interval), single", fine(single.perMinute()),
					"no stream open: " + Stats.count(single.idle().get("total")) + " in the window")
			.row("script calls per idle stream per minute (30 s interval), cluster of 3", fine(cluster.perMinute()),
					"no stream open: " + Stats.count(cluster.idle().get("total")) + " in the window")
			.target("requests_per_stream_per_minute <= 0.2", fine(single.perMinute()), single.perMinute() <= 0.2)
			.target("cluster_script_calls_per_stream_per_minute <= 0.2", fine(cluster.perMinute()),
					cluster.perMinute() <= 0.2)
			.note(String.format("%,d idle streams on one instance, ttl %d s (touch interval %d s); windows of %d s; "
					+ "single Redis: requests counted from MONITOR (a script call counts once), with streams %s, "
					+ "without %s; cluster (3 masters, 3 replicas): EVALSHA calls from INFO commandstats of the "
					+ "masters, with streams %s, without %s", count, TTL_SECONDS, TOUCH_INTERVAL.toSeconds(),
					TOUCH_INTERVAL.multipliedBy(intervals).toSeconds(), single.open(), single.idle(), cluster.open(),
					cluster.idle()));
	}

	private static Measured measure(BenchContext context, Consumer<RedisStoreBuilder> target, Counter counter,
			int count, int intervals) throws Exception {
		Duration window = TOUCH_INTERVAL.multipliedBy(intervals);
		Disposable.Composite streams = Disposables.composite();
		try (RedisStore registrar = context.redisStore("bench-idle-registrar", target);
				RedisStore store = context.redisStore("bench-idle", (redis) -> {
					target.accept(redis);
					redis.ttl(TTL);
				})) {
			// Registered with the default ttl of a day by another instance, so that no
			// session expires and no index entry falls due for the sweep while the
			// windows run; listing them is not activity.
			Flux.range(0, count)
				.flatMap((i) -> registrar.register(Fixtures.meta(Fixtures.newId())), CONCURRENCY)
				.blockLast();
			registrar.close();
			List<Connection> connections = store.list().collectList().block();
			Map<String, Long> idle = window(counter, window);
			openStreams(store, connections, streams);
			// Let the first touch of every new stream pass, so that the window sees
			// steady ticks only.
			LockSupport.parkNanos(TOUCH_INTERVAL.toNanos());
			Map<String, Long> open = window(counter, window);
			double perInterval = (open.get("total") - idle.get("total")) / (double) count / intervals;
			return new Measured(perInterval, store.localStreams(), idle, open);
		}
		finally {
			streams.dispose();
		}
	}

	private static Map<String, Long> scriptCalls(RedisCluster cluster) {
		long calls = 0;
		for (RedisNode node : cluster.masters()) {
			Matcher matcher = EVALSHA_CALLS.matcher(node.command("INFO", "commandstats"));
			calls += matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
		}
		return Map.of("evalsha", calls);
	}

	private static String fine(double value) {
		return String.format(Locale.ROOT, "%.4f", value);
	}

	private static Map<String, Long> window(Counter counter, Duration window) throws Exception {
		Map<String, Long> before = counter.counts();
		LockSupport.parkNanos(window.toNanos());
		return CommandMonitor.difference(before, counter.counts());
	}

	/**
	 * Opens the streams of the given sessions on their store, a thousand at a time (all
	 * at once, their takeover calls would queue beyond the command timeout on a busy
	 * machine), with a subscriber that does nothing.
	 * @param store the store of the connections
	 * @param connections the sessions
	 * @param streams collects the stream subscriptions, for the caller to dispose of
	 * @throws TimeoutException if a chunk does not open within a minute, or one of the
	 * streams failed
	 */
	static void openStreams(RedisStore store, List<Connection> connections, Disposable.Composite streams)
			throws TimeoutException {
		Arrivals failures = new Arrivals();
		int before = store.localStreams();
		for (int from = 0; from < connections.size(); from += OPEN_CHUNK) {
			int to = Math.min(connections.size(), from + OPEN_CHUNK);
			for (Connection connection : connections.subList(from, to)) {
				streams.add(connection.events().subscribe((delivery) -> {
				}, failures::failed));
			}
			long deadline = System.nanoTime() + OPEN_TIMEOUT.toNanos();
			while (store.localStreams() < before + to) {
				failures.checkFailures();
				if (System.nanoTime() > deadline) {
					throw new TimeoutException("Only " + (store.localStreams() - before) + " of " + to
							+ " streams opened within " + OPEN_TIMEOUT);
				}
				LockSupport.parkNanos(10_000_000);
			}
		}
	}

	/**
	 * Reads the requests Redis received so far, by command.
	 */
	@FunctionalInterface
	private interface Counter {

		Map<String, Long> counts() throws Exception;

	}

	/**
	 * What the streams of one deployment cost.
	 *
	 * @param perInterval requests per stream and touch interval, beyond those without
	 * streams
	 * @param stillOpen streams open at the end
	 * @param idle requests in the window without streams
	 * @param open requests in the window with the streams open
	 */
	private record Measured(double perInterval, int stillOpen, Map<String, Long> idle, Map<String, Long> open) {

		double perMinute() {
			return this.perInterval * Duration.ofMinutes(1).toNanos() / DEFAULT_TOUCH_INTERVAL.toNanos();
		}

		String describe(String deployment) {
			return String.format(
					"%s: %,d streams open at the end; %s per stream per minute (30 s interval); "
							+ "with streams %s, without %s",
					deployment, this.stillOpen, fine(perMinute()), this.open, this.idle);
		}

	}

}
