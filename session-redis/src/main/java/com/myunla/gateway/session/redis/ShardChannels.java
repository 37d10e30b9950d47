package com.myunla.gateway.session.redis;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.event.ClusterTopologyChangedEvent;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.cluster.topology.TopologyComparators;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.resource.ClientResources;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * This instance's shard channels on a Redis Cluster, one per slot (named by
 * {@link ShardRouting}): a send publishes a message with {@code SPUBLISH} on the channel
 * of the session's slot, so that it crosses no cluster-bus link beyond the shard of the
 * master serving the session. Frames are dispatched as those of the classic channel
 * ({@link InstanceChannel}), which the instance keeps subscribed: a send that finds no
 * subscriber on the shard channel publishes there instead.
 *
 * <p>
 * The channels are grouped by master (a {@link Shard}), and the channel of each master's
 * lowest slot carries the probes of the group: the channels of one master share one
 * connection, which is what a failover breaks. The subscribed channels follow the
 * topology: at every change Lettuce reports, and at every probe tick, the channels of new
 * masters and of slots a master gained are subscribed (a channel of a slot that moved
 * stays subscribed on its former master, where no send publishes on it any more). Each
 * master's probe channel is probed every probe interval; Lettuce does not reliably
 * subscribe shard channels again after a failover, so the channels of a master whose
 * probe does not come back twice are unsubscribed and subscribed again. Frames may have
 * been lost when a probe did not come back: the local streams catch up from their logs
 * once the classic channel's probe comes back.
 */
final class ShardChannels {

	private static final Log logger = LogFactory.getLog(ShardChannels.class);

	/** How long a topology change waits for the client to route by it. */
	private static final Duration ROUTING_WAIT = Duration.ofSeconds(1);

	/** How often a topology change looks whether the client routes by it. */
	private static final Duration ROUTING_CHECK = Duration.ofMillis(10);

	private final LettuceConnectionFactory connectionFactory;

	private final ShardRouting routing;

	private final RedisStoreSettings settings;

	private final RedisCalls redis;

	private final InstanceChannel channel;

	private final Map<String, Shard> shards = new ConcurrentHashMap<>();

	private final AtomicLong probeCounter = new AtomicLong();

	private final AtomicLong probeFailures = new AtomicLong();

	private final Object monitor = new Object();

	private volatile @Nullable RedisClusterClient client;

	private @Nullable StatefulRedisClusterPubSubConnection<byte[], byte[]> connection;

	private boolean closed;

	/**
	 * Creates the shard channels of one store, which subscribes to them only on a Redis
	 * Cluster.
	 */
	ShardChannels(LettuceConnectionFactory connectionFactory, ShardRouting routing, RedisStoreSettings settings,
			RedisCalls redis, InstanceChannel channel) {
		this.connectionFactory = connectionFactory;
		this.routing = routing;
		this.settings = settings;
		this.redis = redis;
		this.channel = channel;
	}

	/**
	 * On a Redis Cluster, connects, subscribes to the channels of the current masters and
	 * waits, at most the given time, until a probe came back on each. A channel that does
	 * not work yet is not an error: sends publish on the classic channel meanwhile.
	 * @return whether the store is on a Redis Cluster, so that it has shard channels
	 */
	boolean subscribe(Duration wait) {
		if (!(this.connectionFactory.getNativeClient() instanceof RedisClusterClient clusterClient)) {
			return false;
		}
		this.client = clusterClient;
		StatefulRedisClusterPubSubConnection<byte[], byte[]> connection = clusterClient
			.connectPubSub(ByteArrayCodec.INSTANCE);
		connection.addListener(new RedisPubSubAdapter<>() {

			@Override
			public void smessage(byte[] channel, byte[] message) {
				onFrame(channel, message);
			}

		});
		synchronized (this.monitor) {
			if (this.closed) {
				connection.close();
				return true;
			}
			this.connection = connection;
		}
		reconcile();
		long deadline = System.nanoTime() + wait.toNanos();
		while (System.nanoTime() < deadline && !isHealthy()) {
			this.shards.values().stream().filter((shard) -> !shard.probe.isHealthy()).forEach(this::sendProbe);
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
		}
		if (!isHealthy()) {
			logger.warn("Shard channels not subscribed within " + wait + " (" + this.settings.target()
					+ "); messages use the classic channel meanwhile: " + unhealthyReason());
		}
		return true;
	}

	/**
	 * Follows the topology changes Lettuce reports: subscribes to the channels of new
	 * masters, and sends the log reads of the local streams that wait for a reply again
	 * (after a failover, a read sent to the master that died would wait for the command
	 * timeout, since the client does not send a command again to another node).
	 */
	void watchTopology(ClientResources resources, StoreTimers timers) {
		timers.cancelOnStop(
				resources.eventBus().get().filter(ClusterTopologyChangedEvent.class::isInstance).subscribe((event) -> {
					List<RedisClusterNode> after = ((ClusterTopologyChangedEvent) event).after();
					long deadline = System.nanoTime() + ROUTING_WAIT.toNanos();
					timers.schedule(() -> followTopology(after, timers, deadline));
				}));
	}

	/**
	 * Subscribes to the channels of new masters and sends the waiting reads again, once
	 * the client routes commands by the new topology. Lettuce publishes the change before
	 * it updates the topology its connections route by, so a read sent again at once
	 * could go to the master that died once more: until the client's topology is the
	 * changed one (or for at most {@link #ROUTING_WAIT}), this looks again every
	 * {@link #ROUTING_CHECK}.
	 */
	private void followTopology(List<RedisClusterNode> after, StoreTimers timers, long deadline) {
		RedisClusterClient clusterClient = this.client;
		if (clusterClient == null) {
			return;
		}
		Partitions changed = new Partitions();
		changed.reload(after);
		if (TopologyComparators.isChanged(clusterClient.getPartitions(), changed) && System.nanoTime() < deadline) {
			timers.schedule(() -> followTopology(after, timers, deadline), ROUTING_CHECK);
			return;
		}
		reconcile();
		this.channel.readAgain();
	}

	/**
	 * Subscribes to the channels of the slots of the masters in the topology the client
	 * knows now, and stops probing gone masters. The channels of a gone master stay
	 * subscribed where they are: their slots are another master's now, whose channels of
	 * the same names an unsubscribe would reach.
	 */
	void reconcile() {
		synchronized (this.monitor) {
			StatefulRedisClusterPubSubConnection<byte[], byte[]> connection = this.connection;
			RedisClusterClient clusterClient = this.client;
			if (connection == null || clusterClient == null || this.closed) {
				return;
			}
			Map<String, Set<Integer>> desired = new HashMap<>();
			this.routing.update(clusterClient.getPartitions())
				.forEach((prefix, slots) -> desired.put(prefix + this.settings.instanceId(), slots));
			desired.forEach((name, slots) -> {
				Shard shard = this.shards.get(name);
				if (shard == null) {
					shard = new Shard(name);
					this.shards.put(name, shard);
				}
				Set<Integer> added = new HashSet<>(slots);
				if (shard.failed) {
					shard.failed = false;
				}
				else {
					added.removeAll(shard.slots);
				}
				shard.slots = Set.copyOf(slots);
				subscribe(connection, shard, added);
			});
			this.shards.keySet().retainAll(desired.keySet());
		}
	}

	/**
	 * Runs one liveness check of every channel: notes whether its last probe came back,
	 * subscribes again after repeated misses, and sends the next probe.
	 */
	void probe() {
		reconcile();
		long now = System.nanoTime();
		// a probe sent between two ticks (after a subscription) is missed only once it
		// had half an interval to come back
		long answerTime = this.settings.probeInterval().toNanos() / 2;
		for (Shard shard : this.shards.values()) {
			if (!shard.probe.isAnswered() && now - shard.probe.sent() >= answerTime) {
				this.probeFailures.incrementAndGet();
				shard.probe.missed();
				if (!shard.recovering) {
					shard.recovering = true;
					// frames published on the channel since its last good probe may be
					// lost
					this.channel.catchUpLater();
				}
				// only a probe that Redis acknowledged and that did not come back says
				// that the subscription is lost (see InstanceChannel.probe)
				if (shard.probe.lostTwice()) {
					logger.warn("Liveness probes on shard channel '" + shard.name + "' (" + this.settings.target()
							+ ") did not come back; subscribing again");
					resubscribe(shard);
				}
			}
			sendProbe(shard);
		}
	}

	/**
	 * Tells whether every shard channel is known to work; always outside a cluster.
	 */
	boolean isHealthy() {
		return this.client == null || (!this.shards.isEmpty()
				&& this.shards.values().stream().allMatch((shard) -> shard.probe.isHealthy()));
	}

	long probeFailures() {
		return this.probeFailures.get();
	}

	/**
	 * Says why a shard channel is not known to work, or {@code null} while all do.
	 */
	@Nullable String unhealthyReason() {
		if (this.client == null) {
			return null;
		}
		if (this.shards.isEmpty()) {
			return "no shard channel subscribed";
		}
		for (Shard shard : this.shards.values()) {
			if (!shard.probe.isHealthy()) {
				return shard.probe.unhealthyReason("shard channel '" + shard.name + "'");
			}
		}
		return null;
	}

	/**
	 * Unsubscribes and closes the connection.
	 */
	void close() {
		StatefulRedisClusterPubSubConnection<byte[], byte[]> connection;
		synchronized (this.monitor) {
			this.closed = true;
			connection = this.connection;
			this.connection = null;
		}
		if (connection == null) {
			return;
		}
		try {
			// one command per channel: the channels of one call must share a slot
			CompletableFuture
				.allOf(this.shards.values()
					.stream()
					.flatMap((shard) -> shard.slots.stream())
					.map((slot) -> connection.async().sunsubscribe(channel(slot)).toCompletableFuture())
					.toArray(CompletableFuture[]::new))
				.get(this.settings.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			logger.debug("Could not unsubscribe from the shard channels; closing their connection", ex);
		}
		finally {
			this.shards.clear();
			connection.close();
		}
	}

	/**
	 * Subscribes to the channels of some slots of a master; the probe follows the
	 * subscription of the probe channel.
	 */
	private void subscribe(StatefulRedisClusterPubSubConnection<byte[], byte[]> connection, Shard shard,
			Set<Integer> slots) {
		for (int slot : slots) {
			byte[] channel = channel(slot);
			connection.async().ssubscribe(channel).whenComplete((done, error) -> {
				if (error != null) {
					shard.probe.failed(error.getMessage());
					logger.debug("Could not subscribe to shard channel '" + SessionScripts.text(channel) + "'", error);
					// the next reconcile tries again
					shard.failed = true;
				}
				else if (Arrays.equals(channel, shard.channel)) {
					// healthy as soon as a probe comes back, not only after the next tick
					sendProbe(shard);
				}
			});
		}
	}

	private byte[] channel(int slot) {
		return SessionScripts.bytes(this.routing.prefix(slot) + this.settings.instanceId());
	}

	private void resubscribe(Shard shard) {
		StatefulRedisClusterPubSubConnection<byte[], byte[]> connection;
		synchronized (this.monitor) {
			connection = this.connection;
		}
		if (connection == null) {
			return;
		}
		// Both are sent to the master serving the channel's slot now, which may not be
		// the one the subscription was on.
		for (int slot : shard.slots) {
			byte[] channel = channel(slot);
			connection.async().sunsubscribe(channel).whenComplete((done, error) -> {
				if (this.shards.get(shard.name) == shard) {
					subscribe(connection, shard, Set.of(slot));
				}
			});
		}
	}

	private void sendProbe(Shard shard) {
		String nonce = this.settings.instanceId() + "/s" + this.probeCounter.incrementAndGet();
		shard.probe.send(nonce, this.redis.spublish(shard.channel, Frame.probe(nonce)), logger,
				"Could not publish a liveness probe on shard channel '" + shard.name + "'");
	}

	private void onFrame(byte[] channel, byte[] body) {
		this.channel.dispatch(body, (nonce) -> onProbe(SessionScripts.text(channel), nonce));
	}

	private void onProbe(String name, String nonce) {
		Shard shard = this.shards.get(name);
		if (shard == null || !shard.probe.answer(nonce)) {
			return;
		}
		shard.probe.succeeded();
		if (shard.recovering) {
			shard.recovering = false;
			// catch up once more, now that the channel works again
			this.channel.catchUpLater();
		}
		this.channel.catchUpIfNeeded();
	}

	/**
	 * One shard channel and the state of its probe.
	 */
	private static final class Shard {

		final String name;

		final byte[] channel;

		final Probe probe = new Probe();

		/** The slots whose channels are subscribed, or being subscribed. */
		volatile Set<Integer> slots = Set.of();

		volatile boolean recovering;

		volatile boolean failed;

		Shard(String name) {
			this.name = name;
			this.channel = SessionScripts.bytes(name);
		}

	}

}
