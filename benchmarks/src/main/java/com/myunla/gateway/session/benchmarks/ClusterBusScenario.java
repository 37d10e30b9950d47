package com.myunla.gateway.session.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.myunla.gateway.session.redis.RedisMode;
import com.myunla.gateway.session.redis.RedisStore;
import com.myunla.gateway.session.redis.RedisStoreBuilder;
import com.myunla.gateway.session.testsupport.RedisCluster;
import com.myunla.gateway.session.testsupport.RedisNode;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.reactive.RedisAdvancedClusterReactiveCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code cluster_bus}: how many pub/sub messages cross the cluster bus per delivered
 * message on a Redis Cluster of 3 masters with one replica each, which the scenario
 * starts itself. Two store instances on the cluster; the streams of {@value #SESSIONS}
 * sessions are open on A, B sends them messages. The figure is the growth of
 * {@code cluster_stats_messages_publish_sent} and
 * {@code cluster_stats_messages_publishshard_sent} ({@code CLUSTER INFO}), summed over
 * the six nodes, per message. Baselines, in the same run: a plain {@code PUBLISH} and a
 * plain {@code SPUBLISH} of the same number of messages from a Lettuce cluster client. A
 * classic publish is broadcast to every other node (5 bus messages); a sharded one goes
 * only to the replicas of the channel's shard (1). The store publishes a message on its
 * owner's shard channel of the master serving the session.
 */
final class ClusterBusScenario implements Scenario {

	static final int SESSIONS = 20;

	private static final Pattern PUBLISH_SENT = Pattern.compile("^cluster_stats_messages_publish_sent:(\\d+)",
			Pattern.MULTILINE);

	private static final Pattern SHARD_SENT = Pattern.compile("^cluster_stats_messages_publishshard_sent:(\\d+)",
			Pattern.MULTILINE);

	private static final Duration DRAIN = Duration.ofSeconds(30);

	private static final Duration HEALTHY = Duration.ofSeconds(60);

	private static final Duration SETTLE_PAUSE = Duration.ofMillis(200);

	private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(10);

	@Override
	public String name() {
		return "cluster_bus";
	}

	@Override
	public Result run(BenchContext context) throws Exception {
		int messages = context.mode().fanoutMessages();
		try (RedisCluster cluster = RedisCluster.start()) {
			cluster.awaitHealthy(HEALTHY);
			BusMessages store = storeMessages(context, cluster, messages);
			context.progress("store: " + store.describe(messages));
			BusMessages publish = rawMessages(cluster, messages, (commands) -> commands::publish);
			context.progress("raw PUBLISH: " + publish.describe(messages));
			BusMessages spublish = rawMessages(cluster, messages, (commands) -> commands::spublish);
			context.progress("raw SPUBLISH: " + spublish.describe(messages));
			double storeTotal = store.total() / (double) messages;
			return new Result(name()).figure("store_publish_per_message", store.publish() / (double) messages)
				.figure("store_publishshard_per_message", store.shard() / (double) messages)
				.figure("raw_publish_per_message", publish.total() / (double) messages)
				.figure("raw_spublish_per_message", spublish.total() / (double) messages)
				.row("cluster-bus pub/sub messages per message, 3 masters", store.describe(messages),
						"PUBLISH " + Stats.decimal(publish.total() / (double) messages) + ", SPUBLISH "
								+ Stats.decimal(spublish.total() / (double) messages))
				.target("store bus messages per message <= SPUBLISH's (within its shard)", Stats.decimal(storeTotal),
						store.publish() == 0 && store.shard() <= spublish.total())
				.note(String.format(
						"%,d messages to %d sessions whose streams are open on A, sent from B; counters "
								+ "summed over the 6 nodes; they include the stores' liveness probes",
						messages, SESSIONS));
		}
	}

	private static BusMessages storeMessages(BenchContext context, RedisCluster cluster, int messages)
			throws Exception {
		Disposable.Composite streams = Disposables.composite();
		try (RedisStore a = context.redisStore("bench-cluster-a", (redis) -> onCluster(redis, cluster));
				RedisStore b = context.redisStore("bench-cluster-b", (redis) -> onCluster(redis, cluster))) {
			Arrivals arrivals = new Arrivals();
			List<String> ids = DeliveryScenario.openStreams(a, b, SESSIONS, arrivals, streams);
			BusMessages before = BusMessages.settled(cluster);
			Flux.range(0, messages)
				.flatMap((i) -> b.send(ids.get(i % SESSIONS), Fixtures.timestampedMessage()), DeliveryScenario.SENDERS)
				.blockLast();
			arrivals.await(SESSIONS + messages, DRAIN);
			return BusMessages.settled(cluster).since(before);
		}
		finally {
			streams.dispose();
		}
	}

	private static void onCluster(RedisStoreBuilder redis, RedisCluster cluster) {
		redis.mode(RedisMode.CLUSTER).addresses(cluster.seedAddresses());
	}

	private static BusMessages rawMessages(RedisCluster cluster, int messages,
			Function<RedisAdvancedClusterReactiveCommands<byte[], byte[]>, Publisher> publisher) {
		List<RedisURI> seeds = cluster.nodes()
			.stream()
			.map((node) -> RedisURI.create(node.host(), node.port()))
			.toList();
		RedisClusterClient client = RedisClusterClient.create(seeds);
		try (StatefulRedisClusterConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE)) {
			Publisher publish = publisher.apply(connection.reactive());
			byte[] channel = "bench-raw".getBytes(StandardCharsets.UTF_8);
			BusMessages before = BusMessages.settled(cluster);
			Flux.range(0, messages)
				.flatMap((i) -> publish.publish(channel, Fixtures.timestampedPayload()), DeliveryScenario.SENDERS)
				.blockLast();
			return BusMessages.settled(cluster).since(before);
		}
		finally {
			client.shutdown();
		}
	}

	/**
	 * Publishes one message.
	 */
	@FunctionalInterface
	private interface Publisher {

		Mono<Long> publish(byte[] channel, byte[] message);

	}

	/**
	 * Pub/sub messages sent over the cluster bus, summed over the nodes.
	 *
	 * @param publish classic ({@code PUBLISH}) messages
	 * @param shard sharded ({@code SPUBLISH}) messages
	 */
	private record BusMessages(long publish, long shard) {

		/**
		 * Reads the counters once they stopped moving: a node forwards a publish to the
		 * others after the subscriber on one of them may already have received it.
		 */
		static BusMessages settled(RedisCluster cluster) {
			BusMessages last = read(cluster);
			long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
			while (System.nanoTime() < deadline) {
				LockSupport.parkNanos(SETTLE_PAUSE.toNanos());
				BusMessages next = read(cluster);
				if (next.equals(last)) {
					return next;
				}
				last = next;
			}
			return last;
		}

		static BusMessages read(RedisCluster cluster) {
			long publish = 0;
			long shard = 0;
			for (RedisNode node : cluster.nodes()) {
				String info = node.command("CLUSTER", "INFO");
				publish += counter(PUBLISH_SENT, info);
				shard += counter(SHARD_SENT, info);
			}
			return new BusMessages(publish, shard);
		}

		private static long counter(Pattern pattern, String info) {
			Matcher matcher = pattern.matcher(info);
			return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
		}

		BusMessages since(BusMessages earlier) {
			return new BusMessages(this.publish - earlier.publish, this.shard - earlier.shard);
		}

		long total() {
			return this.publish + this.shard;
		}

		String describe(int messages) {
			return String.format("%s (publish %s, publishshard %s)", Stats.decimal(total() / (double) messages),
					Stats.decimal(this.publish / (double) messages), Stats.decimal(this.shard / (double) messages));
		}

	}

}
