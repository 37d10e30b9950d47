package com.myunla.gateway.session.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.myunla.gateway.session.redis.RedisStore;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;

/**
 * {@code fanout}: how many instances receive each message. With fleets of 1, 2 and 4
 * store instances on one Redis, the streams of {@value #SESSIONS} sessions are open on
 * the first instance and the last one sends them messages. The figure is the sum of
 * {@link RedisStore#receivedMessages()} over the fleet per message sent: 1 means a
 * message reaches only the instance owning its stream, whatever the fleet's size.
 */
final class FanoutScenario implements Scenario {

	static final int SESSIONS = 20;

	static final int[] FLEET_SIZES = { 1, 2, 4 };

	private static final Duration DRAIN = Duration.ofSeconds(30);

	/**
	 * Time left for frames that went to the wrong instance to arrive before the counters
	 * are read.
	 */
	private static final Duration STRAGGLERS = Duration.ofMillis(300);

	@Override
	public String name() {
		return "fanout";
	}

	@Override
	public Result run(BenchContext context) throws Exception {
		int messages = context.mode().fanoutMessages();
		Result result = new Result(name());
		for (int size : FLEET_SIZES) {
			double receipts = receiptsPerMessage(context, size, messages);
			context.progress(String.format("%d instance(s): %.3f receipts per message", size, receipts));
			result.figure("receipts_per_message_" + size, receipts)
				.row("receipts per message, " + size + " instance(s)", Stats.decimal(receipts), null)
				.target("receipts_per_message_" + size + " = 1", Stats.decimal(receipts), receipts == 1.0);
		}
		return result.note(messages + " messages per fleet size to " + SESSIONS
				+ " sessions whose streams are open on instance 1, sent from the last instance");
	}

	private static double receiptsPerMessage(BenchContext context, int size, int messages) throws Exception {
		List<RedisStore> fleet = new ArrayList<>();
		Disposable.Composite streams = Disposables.composite();
		try {
			for (int i = 0; i < size; i++) {
				fleet.add(context.redisStore("fanout-" + size + "-" + i));
			}
			RedisStore owner = fleet.get(0);
			RedisStore sender = fleet.get(size - 1);
			Arrivals arrivals = new Arrivals();
			List<String> ids = DeliveryScenario.openStreams(owner, sender, SESSIONS, arrivals, streams);
			long before = received(fleet);
			Flux.range(0, messages)
				.flatMap((i) -> sender.send(ids.get(i % SESSIONS), Fixtures.timestampedMessage()),
						DeliveryScenario.SENDERS)
				.blockLast();
			arrivals.await(SESSIONS + messages, DRAIN);
			Thread.sleep(STRAGGLERS.toMillis());
			return (received(fleet) - before) / (double) messages;
		}
		finally {
			streams.dispose();
			fleet.forEach(RedisStore::close);
		}
	}

	private static long received(List<RedisStore> fleet) {
		return fleet.stream().mapToLong(RedisStore::receivedMessages).sum();
	}

}
