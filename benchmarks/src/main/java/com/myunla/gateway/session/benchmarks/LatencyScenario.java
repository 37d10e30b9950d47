package com.myunla.gateway.session.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;

import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.redis.RedisStore;
import org.HdrHistogram.Histogram;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;

/**
 * {@code latency}: cross-instance latency at a fixed offered load, below saturation. As
 * in {@code delivery}, the streams of {@value DeliveryScenario#SESSIONS} sessions are
 * open on instance A and B sends them 256-byte messages, but in an open loop:
 * {@value #RATE} sends per second, each started when it is due whether or not earlier
 * ones completed. Baseline, in the same rounds: plain Lettuce pub/sub at the same rate.
 * The latency runs from the time a send was due to its arrival at A's consumer.
 */
final class LatencyScenario implements Scenario {

	static final int RATE = 5_000;

	private static final Duration DRAIN = Duration.ofSeconds(30);

	@Override
	public String name() {
		return "latency";
	}

	@Override
	public Result run(BenchContext context) throws Exception {
		RunMode mode = context.mode();
		// delivery runs before and warms the same code up; one warm-up round is enough
		// here
		int warmups = 1;
		Arrivals storeArrivals = new Arrivals();
		Arrivals rawArrivals = new Arrivals();
		Disposable.Composite streams = Disposables.composite();
		try (RedisStore a = context.redisStore("bench-a");
				RedisStore b = context.redisStore("bench-b");
				RawPubSub raw = new RawPubSub(context.redisUri(), "bench-raw", rawArrivals::arrived)) {
			List<String> ids = DeliveryScenario.openStreams(a, b, DeliveryScenario.SESSIONS, storeArrivals, streams);
			List<Figures> storeRounds = new ArrayList<>();
			List<Figures> rawRounds = new ArrayList<>();
			for (int round = 0; round < warmups + mode.rounds(); round++) {
				boolean warmup = round < warmups;
				AtomicInteger next = new AtomicInteger();
				Figures store = measure(mode.roundTime(), storeArrivals,
						(due) -> b.send(ids.get(next.getAndIncrement() % ids.size()),
								new Message(Message.DEFAULT_EVENT, Fixtures.payloadStampedAt(due))));
				Figures baseline = measure(mode.roundTime(), rawArrivals,
						(due) -> raw.publish(Fixtures.payloadStampedAt(due)));
				context.progress(String.format("%s round %d: store p50 %s p99 %s, raw p50 %s p99 %s",
						warmup ? "warm-up" : "measured", round + 1, Stats.micros(store.p50()),
						Stats.micros(store.p99()), Stats.micros(baseline.p50()), Stats.micros(baseline.p99())));
				if (!warmup) {
					storeRounds.add(store);
					rawRounds.add(baseline);
				}
			}
			double storeP50 = Stats.median(storeRounds, Figures::p50);
			double storeP99 = Stats.median(storeRounds, Figures::p99);
			double rawP50 = Stats.median(rawRounds, Figures::p50);
			double rawP99 = Stats.median(rawRounds, Figures::p99);
			return new Result(name()).figure("store_p50_us", storeP50)
				.figure("store_p99_us", storeP99)
				.figure("raw_p50_us", rawP50)
				.figure("raw_p99_us", rawP99)
				.row(String.format("latency p50 at %,d msgs/s", RATE), Stats.micros(storeP50),
						"raw pub/sub " + Stats.micros(rawP50))
				.row(String.format("latency p99 at %,d msgs/s", RATE), Stats.micros(storeP99),
						"raw pub/sub " + Stats.micros(rawP99))
				.target("store_p50_us <= 1.5 x raw_p50_us", ratio(storeP50, rawP50), storeP50 <= 1.5 * rawP50)
				.target("store_p99_us <= 2 x raw_p99_us", ratio(storeP99, rawP99), storeP99 <= 2 * rawP99)
				.note(String.format("open loop, %,d sends/s to %d sessions, %d-byte payloads; latency from the time "
						+ "each send was due; medians of %d rounds of %d ms after %d warm-up round(s); store and raw "
						+ "rounds alternate", RATE, DeliveryScenario.SESSIONS, Fixtures.PAYLOAD_SIZE, mode.rounds(),
						mode.roundTime().toMillis(), warmups));
		}
		finally {
			streams.dispose();
		}
	}

	private static String ratio(double store, double raw) {
		return Stats.micros(store) + " vs " + Stats.micros(raw) + " (" + Stats.decimal(store / raw) + " x)";
	}

	private static Figures measure(Duration time, Arrivals arrivals, LongFunction<Mono<?>> send) throws Exception {
		long before = arrivals.count();
		arrivals.takeLatencies();
		long sent = OpenLoop.run(time, RATE, send);
		arrivals.await(before + sent, DRAIN);
		Histogram latencies = arrivals.takeLatencies();
		return new Figures(latencies.getValueAtPercentile(50) / 1000.0, latencies.getValueAtPercentile(99) / 1000.0);
	}

	/**
	 * The figures of one round.
	 */
	private record Figures(double p50, double p99) {
	}

}
