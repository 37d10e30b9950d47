package com.myunla.gateway.session.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.redis.RedisStore;
import org.HdrHistogram.Histogram;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code delivery}: cross-instance delivery through Redis. The streams of
 * {@value #SESSIONS} sessions are open on store instance A; instance B sends them
 * 256-byte messages with {@value #SENDERS} concurrent senders (a closed loop). Baseline,
 * in the same rounds: B publishes the same payloads with plain Lettuce to a channel that
 * A subscribes to. Latency is from the start of the send to the arrival at A's consumer,
 * read from a {@link System#nanoTime()} stamp in the payload.
 */
final class DeliveryScenario implements Scenario {

	static final int SESSIONS = 100;

	static final int SENDERS = 16;

	private static final Duration DRAIN = Duration.ofSeconds(30);

	@Override
	public String name() {
		return "delivery";
	}

	@Override
	public Result run(BenchContext context) throws Exception {
		RunMode mode = context.mode();
		Arrivals storeArrivals = new Arrivals();
		Arrivals rawArrivals = new Arrivals();
		Disposable.Composite streams = Disposables.composite();
		CpuMeter cpu = new CpuMeter(context.admin());
		try (RedisStore a = context.redisStore("bench-a");
				RedisStore b = context.redisStore("bench-b");
				RawPubSub raw = new RawPubSub(context.redisUri(), "bench-raw", rawArrivals::arrived)) {
			List<String> ids = openStreams(a, b, SESSIONS, storeArrivals, streams);
			List<Figures> storeRounds = new ArrayList<>();
			List<Figures> rawRounds = new ArrayList<>();
			for (int round = 0; round < mode.warmups() + mode.rounds(); round++) {
				boolean warmup = round < mode.warmups();
				AtomicInteger next = new AtomicInteger();
				Figures store = measure(mode.roundTime(), storeArrivals, context.admin(), cpu, () -> Mono
					.defer(() -> b.send(ids.get(next.getAndIncrement() % SESSIONS), Fixtures.timestampedMessage())));
				Figures baseline = measure(mode.roundTime(), rawArrivals, context.admin(), cpu,
						() -> Mono.defer(() -> raw.publish(Fixtures.timestampedPayload())));
				context.progress(String.format(
						"%s round %d: store %s msgs/s p99 %s (%.1f messages per script call), raw %s msgs/s p99 %s",
						warmup ? "warm-up" : "measured", round + 1, Stats.count(store.perSecond()),
						Stats.micros(store.p99()), 1 / store.scriptCalls(), Stats.count(baseline.perSecond()),
						Stats.micros(baseline.p99())));
				if (!warmup) {
					storeRounds.add(store);
					rawRounds.add(baseline);
				}
			}
			return result(storeRounds, rawRounds, mode);
		}
		finally {
			streams.dispose();
		}
	}

	/**
	 * Registers sessions, opens their streams on one instance with a consumer that
	 * records arrivals, and sends each one message from the other instance, so that every
	 * stream is live when this returns.
	 * @param owner the instance holding the streams
	 * @param sender the instance that sends
	 * @param sessions how many sessions
	 * @param arrivals where the streams' deliveries are recorded
	 * @param streams collects the stream subscriptions, for the caller to dispose of
	 * @return the session ids
	 * @throws TimeoutException if the first messages do not arrive
	 */
	static List<String> openStreams(Store owner, Store sender, int sessions, Arrivals arrivals,
			Disposable.Composite streams) throws TimeoutException {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < sessions; i++) {
			String id = Fixtures.newId();
			sender.register(Fixtures.meta(id)).block();
			ids.add(id);
		}
		for (String id : ids) {
			streams.add(owner.get(id)
				.flatMapMany((connection) -> connection.events())
				.subscribe((delivery) -> arrivals.arrived(delivery.message().data()), arrivals::failed));
		}
		long before = arrivals.count();
		Flux.fromIterable(ids).flatMap((id) -> sender.send(id, Fixtures.timestampedMessage())).blockLast();
		arrivals.await(before + sessions, DRAIN);
		return ids;
	}

	private static Figures measure(Duration time, Arrivals arrivals, RedisAdmin admin, CpuMeter cpu,
			Supplier<Mono<?>> send) throws Exception {
		long before = arrivals.count();
		arrivals.takeLatencies();
		long callsBefore = admin.commandStats().getOrDefault("evalsha", RedisAdmin.CommandStats.NONE).calls();
		CpuMeter.Sample cpuBefore = cpu.sample();
		ClosedLoop.Run run = ClosedLoop.run(time, SENDERS, send);
		long arrived = arrivals.await(before + run.operations(), DRAIN);
		CpuMeter.Cost cost = cpu.sample().since(cpuBefore, run.operations());
		long calls = admin.commandStats().getOrDefault("evalsha", RedisAdmin.CommandStats.NONE).calls() - callsBefore;
		Histogram latencies = arrivals.takeLatencies();
		return new Figures(run.perSecond(arrived), latencies.getValueAtPercentile(50) / 1000.0,
				latencies.getValueAtPercentile(99) / 1000.0, cost.jvmMicros(), cost.redisMicros(),
				calls / (double) run.operations());
	}

	private Result result(List<Figures> storeRounds, List<Figures> rawRounds, RunMode mode) {
		double storeRate = Stats.median(storeRounds, Figures::perSecond);
		double rawRate = Stats.median(rawRounds, Figures::perSecond);
		double storeP50 = Stats.median(storeRounds, Figures::p50);
		double storeP99 = Stats.median(storeRounds, Figures::p99);
		double rawP50 = Stats.median(rawRounds, Figures::p50);
		double rawP99 = Stats.median(rawRounds, Figures::p99);
		double ratio = storeRate / rawRate;
		double storeJvm = Stats.median(storeRounds, Figures::jvmCpu);
		double storeRedis = Stats.median(storeRounds, Figures::redisCpu);
		double rawJvm = Stats.median(rawRounds, Figures::jvmCpu);
		double rawRedis = Stats.median(rawRounds, Figures::redisCpu);
		double scriptCalls = Stats.median(storeRounds, Figures::scriptCalls);
		return new Result(name()).figure("store_msgs_per_s", storeRate)
			.figure("raw_msgs_per_s", rawRate)
			.figure("ratio", ratio)
			.figure("store_p50_us", storeP50)
			.figure("store_p99_us", storeP99)
			.figure("raw_p50_us", rawP50)
			.figure("raw_p99_us", rawP99)
			.figure("store_jvm_cpu_us_per_msg", storeJvm)
			.figure("store_redis_cpu_us_per_msg", storeRedis)
			.figure("raw_jvm_cpu_us_per_msg", rawJvm)
			.figure("raw_redis_cpu_us_per_msg", rawRedis)
			.figure("store_script_calls_per_msg", scriptCalls)
			.row("throughput (msgs/s)", Stats.count(storeRate), "raw pub/sub " + Stats.count(rawRate))
			.row("ratio store/raw", Stats.decimal(ratio), null)
			.row("latency p50", Stats.micros(storeP50), "raw pub/sub " + Stats.micros(rawP50))
			.row("latency p99", Stats.micros(storeP99), "raw pub/sub " + Stats.micros(rawP99))
			.row("JVM CPU per message (A + B)", Stats.cpu(storeJvm), "raw pub/sub " + Stats.cpu(rawJvm))
			.row("Redis CPU per message", Stats.cpu(storeRedis), "raw pub/sub " + Stats.cpu(rawRedis))
			.row("script calls (EVALSHA) per message", Stats.decimal(scriptCalls), null)
			.target("ratio >= 0.8", Stats.decimal(ratio), ratio >= 0.8)
			.target("store_redis_cpu_us_per_msg <= 1.5 x raw_redis_cpu_us_per_msg",
					Stats.cpu(storeRedis) + " vs " + Stats.cpu(rawRedis) + " (" + Stats.decimal(storeRedis / rawRedis)
							+ " x)",
					storeRedis <= 1.5 * rawRedis)
			.target("store_p99_us <= 2 x raw_p99_us", Stats.micros(storeP99) + " vs 2 x " + Stats.micros(rawP99),
					storeP99 <= 2 * rawP99)
			.note(SESSIONS + " sessions, " + SENDERS + " concurrent senders, " + Fixtures.PAYLOAD_SIZE
					+ "-byte payloads; medians of " + mode.rounds() + " rounds of " + mode.roundTime().toMillis()
					+ " ms after " + mode.warmups() + " warm-up round(s); store and raw rounds alternate");
	}

	/**
	 * The figures of one round.
	 */
	private record Figures(double perSecond, double p50, double p99, double jvmCpu, double redisCpu,
			double scriptCalls) {
	}

}
