package com.myunla.gateway.session.redis;

import java.time.Instant;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.FleetStore;
import com.myunla.gateway.session.InstrumentedStore;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.SessionPage;
import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.StoreStatistics;
import com.myunla.gateway.session.StoreUnavailableException;
import com.myunla.gateway.session.spi.StoreCounters;
import com.myunla.gateway.session.spi.StoreObservations;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.util.Assert;

/**
 * A {@link Store} whose sessions live in Redis and are shared by every instance that uses
 * the same Redis, key prefix and topic: register on one instance, send from any, and the
 * message reaches the session's live stream on whichever instance holds it.
 *
 * <p>
 * A session is a hash and a Redis stream (its log) whose keys share a cluster slot, so
 * that each operation is one Lua script, atomic and one round trip; {@code RedisKeys}
 * shows the layout.
 *
 * <p>
 * The package documentation describes the message flow, the guarantees and the limits.
 *
 * <p>
 * This class implements the {@link Store} operations on its parts: the session operations
 * ({@code RedisSessions}), the listing ({@code SessionListing}), the scripts
 * ({@code SessionScripts}, {@code SendScript}), the pub/sub channel with its probe
 * ({@code InstanceChannel}; on a Redis Cluster also the shard channels,
 * {@code ShardChannels}), the local streams ({@code LocalStreams}, {@code LiveStream}),
 * upkeep ({@code Housekeeping}), starting and closing ({@code StoreRunState}) and Redis
 * errors ({@code RedisErrors}).
 *
 * <p>
 * Thread-safe. A new store does nothing until {@linkplain #start() started} (its
 * operations fail with {@link IllegalStateException} until then;
 * {@link RedisStoreBuilder#build()} returns a started store unless told otherwise). Close
 * the store to release its timers and, when it owns them, its Redis connections.
 */
public final class RedisStore implements InstrumentedStore, FleetStore {

	/** The store's {@linkplain #kind() kind}. */
	static final String KIND = "redis";

	private final RedisCalls redis;

	private final RedisStoreSettings settings;

	private final RedisKeys keys;

	private final SessionScripts scripts;

	private final LocalStreams streams = new LocalStreams();

	private final InstanceChannel channel;

	private final ShardRouting shardRouting;

	private final ShardChannels shardChannels;

	private final Housekeeping housekeeping;

	private final SessionListing listing;

	private final RedisSessions sessions;

	private final StoreRunState runState;

	private final StoreCounters statistics = new StoreCounters();

	private final RedisConditions conditions;

	private final RedisMode mode;

	/**
	 * Creates a store on the given Redis connections, without connecting yet:
	 * {@link #start()} connects. Applications build stores with {@link #builder()}.
	 * @param connectionFactory the Lettuce connections: the store uses its shared native
	 * connection and relies on its client options for command timeouts and reconnects (as
	 * {@link RedisStoreBuilder} sets them)
	 * @param container the pub/sub listener container, on the same Redis; the store
	 * starts it if it is not running yet
	 * @param settings the store's settings
	 * @param ownedResources resources the store closes when it is closed (for example the
	 * connection factory it was built with), or {@code null} if their owner closes them
	 * @param observations the store's observations, {@code null} to observe nothing
	 */
	RedisStore(LettuceConnectionFactory connectionFactory, RedisMessageListenerContainer container,
			RedisStoreSettings settings, @Nullable AutoCloseable ownedResources,
			@Nullable StoreObservations observations) {
		Assert.notNull(connectionFactory, "Connection factory must not be null");
		Assert.notNull(container, "Listener container must not be null");
		Assert.notNull(settings, "Settings must not be null");
		this.settings = settings;
		this.mode = connectionFactory.isClusterAware() ? RedisMode.CLUSTER
				: connectionFactory.isRedisSentinelAware() ? RedisMode.SENTINEL : RedisMode.SINGLE;
		this.keys = new RedisKeys(settings.prefix(), settings.topic());
		UnansweredConnections unanswered = new UnansweredConnections(settings.commandTimeout(), settings.target());
		this.conditions = new RedisConditions(settings.target());
		this.redis = new RedisCalls(
				new RedisErrors(settings.commandTimeout(), settings.target(), unanswered::commandTimedOut), unanswered,
				this.conditions);
		this.shardRouting = new ShardRouting(settings.topic());
		this.scripts = new SessionScripts(this.redis, this.keys, settings, !connectionFactory.isClusterAware(),
				this.shardRouting);
		this.channel = new InstanceChannel(container, this.keys.channel(settings.instanceId()), settings, this.redis,
				this.streams, this::checkStreams);
		this.housekeeping = new Housekeeping(this.redis, this.keys, this.scripts, this.streams, this.channel,
				settings.commandTimeout(), this.statistics);
		this.shardChannels = new ShardChannels(connectionFactory, this.shardRouting, settings, this.redis,
				this.channel);
		AccessCheck access = new AccessCheck(this.redis, this.keys, settings, !connectionFactory.isClusterAware());
		PendingSends pendingSends = new PendingSends(settings.commandTimeout());
		this.runState = new StoreRunState(connectionFactory, settings, this.redis, this.channel, this.shardChannels,
				this.housekeeping, this.streams, this.scripts, pendingSends, ownedResources, access,
				() -> this.conditions.recheck(access, this.redis, this.keys.index()));
		this.sessions = new RedisSessions(this.redis, this.keys, settings, this.scripts, this.streams, this.statistics,
				this.runState, pendingSends, this.channel, observations);
		this.listing = new SessionListing(this.sessions, this.redis, this.keys, this.scripts, this.housekeeping);
	}

	/**
	 * Starts the store: connects to Redis, checks that its user may run what the store
	 * needs, subscribes to this instance's pub/sub channel, waits until a probe comes
	 * back over it, and starts the periodic upkeep. Does nothing if the store runs
	 * already. A store that fails to start is closed.
	 * @throws RedisStartupException if Redis cannot be reached or refuses the
	 * credentials, with a message naming the target
	 * @throws IllegalStateException if the store is closed
	 * @throws RedisPermissionException if Redis refuses, for want of an ACL permission, a
	 * command the store needs on its keys or channels (each is run once on a probe
	 * session's keys, removed again in the same script call)
	 */
	public void start() {
		this.runState.start();
	}

	/**
	 * Returns whether the store is started and not closed, so that its operations can
	 * run.
	 * @return whether the store runs
	 */
	public boolean isRunning() {
		return this.runState.isRunning();
	}

	/**
	 * Returns a builder of a store with a Redis client of its own, for use without a
	 * Spring context.
	 * @return a new builder with the defaults
	 */
	public static RedisStoreBuilder builder() {
		return new RedisStoreBuilder();
	}

	@Override
	public Mono<Connection> register(Meta meta) {
		return this.runState.whenRunning(() -> this.sessions.register(meta));
	}

	@Override
	public Mono<Connection> get(String id) {
		return this.runState.whenRunning(() -> this.sessions.get(id));
	}

	@Override
	public Mono<Void> send(String id, Message message) {
		return this.sessions.sendWhenRunning(id, "", message);
	}

	@Override
	public Mono<Void> unregister(String id) {
		return this.sessions.unregisterWhenRunning(id, "");
	}

	/**
	 * Reads one page of the sessions, in the order of the index ({@code <prefix>:index}),
	 * that is by the expiry hint set at registration, roughly the order of registration;
	 * see {@link Store#list(String, int)}. A page costs one script on the index and one
	 * {@code HMGET} per session of the page, whatever the number of sessions. The cursor
	 * encodes the last entry of the page (its score and id), so a page stays consistent
	 * while sessions come and go; an entry whose hint the sweep renews during a pass may
	 * be listed twice. Index entries of gone sessions are pruned. A session whose keys
	 * cannot be read (unreadable {@code Meta} JSON, a key of the wrong type) is skipped
	 * and logged, at most once per 10 seconds.
	 * @param cursor {@code null} for the first page, or the previous page's next cursor
	 * @param pageSize the most sessions the page holds, from 1 to
	 * {@value Store#MAX_PAGE_SIZE}
	 * @return the page, {@link IllegalArgumentException} for a bad page size or cursor,
	 * or {@link StoreUnavailableException} if Redis cannot be reached
	 */
	@Override
	public Mono<SessionPage> list(@Nullable String cursor, int pageSize) {
		return this.runState.whenRunning(() -> this.listing.page(cursor, pageSize));
	}

	/**
	 * Counts the entries of the session index: the registered sessions plus, for a
	 * moment, sessions that expired and were not pruned yet by a listing or the periodic
	 * sweep.
	 * @return the number of indexed sessions, or {@link StoreUnavailableException} if
	 * Redis cannot be reached
	 */
	@Override
	public Mono<Long> count() {
		return this.runState.whenRunning(() -> this.listing.count());
	}

	/**
	 * Looks up which instance owns the live stream of a session now. Not activity.
	 * @param id the session id
	 * @return the owning instance's id, empty if the session has no open stream or is
	 * gone, or {@link StoreUnavailableException} if Redis cannot be reached
	 */
	public Mono<String> owner(String id) {
		return this.runState.whenRunning(() -> this.sessions.owner(id));
	}

	/**
	 * Returns the instance that owned the live stream of a session when
	 * {@link #list(String, int)} listed it.
	 * @param connection a connection of this store
	 * @return the owning instance's id, or {@code null} if no stream was open, or the
	 * connection does not come from a listing
	 */
	public @Nullable String listedOwner(Connection connection) {
		return (connection instanceof RedisSessionHandle handle) ? handle.owner() : null;
	}

	/**
	 * Sweeps the session index once, as the store does periodically.
	 */
	Mono<Void> sweepIndex() {
		return this.runState.whenRunning(this.housekeeping::sweep);
	}

	/**
	 * Returns this instance's pub/sub channel; tests use it to withhold frames.
	 */
	InstanceChannel channel() {
		return this.channel;
	}

	/**
	 * Returns this instance's id in the fleet, the suffix of its pub/sub channel.
	 * @return the instance id
	 */
	public String instanceId() {
		return this.settings.instanceId();
	}

	/**
	 * Returns how many message frames this instance received on its pub/sub channel. Each
	 * message sent to a session whose stream is open on this instance is received here
	 * once, and nowhere else.
	 * @return the number of message frames received
	 */
	public long receivedMessages() {
		return this.channel.receivedMessages();
	}

	/**
	 * Returns how many malformed frames arrived on this instance's channel and were
	 * ignored.
	 * @return the number of ignored frames
	 */
	public long ignoredFrames() {
		return this.channel.ignoredFrames();
	}

	/**
	 * Returns how many sessions have their live stream on this instance.
	 * @return the number of local live streams
	 */
	public int localStreams() {
		return this.streams.size();
	}

	/**
	 * Returns whether the last liveness probe came back over pub/sub: on the classic
	 * channel and, in a Redis Cluster, on every shard channel.
	 * @return whether the subscription is known to work
	 */
	public boolean isSubscriptionHealthy() {
		return this.channel.isHealthy() && this.shardChannels.isHealthy();
	}

	/**
	 * Returns the store's counters, for metrics. All are filled: a message is replayed
	 * when a stream reads it from the session's log (on a resume, or a catch-up after
	 * lost pub/sub frames) rather than receiving it over pub/sub; the delivery latency is
	 * measured for messages received over pub/sub, from the entry id's time (the Redis
	 * server's clock at the send) to the hand-off; a session counts as expired when a
	 * listing or the index sweep finds its index entry without its keys.
	 * @return the counters
	 */
	public StoreStatistics statistics() {
		return this.statistics;
	}

	/**
	 * Returns when a liveness probe last came back over pub/sub.
	 * @return the time of the last good probe
	 */
	public Instant lastGoodProbe() {
		return Instant.ofEpochMilli(this.channel.lastGoodProbe());
	}

	/**
	 * Returns how many liveness probes did not come back within the probe interval.
	 * @return the number of failed probes
	 */
	public long probeFailures() {
		return this.channel.probeFailures() + this.shardChannels.probeFailures();
	}

	/**
	 * Says why the store cannot work as it should: Redis refuses one of its commands for
	 * want of permission (until a check finds that it may run them all again), or the
	 * subscription is not known to work.
	 * @return the reason, or {@code null} while the store's commands are permitted and
	 * the last probe came back
	 */
	public @Nullable String unhealthyReason() {
		String permission = this.conditions.permissionProblem();
		if (permission != null) {
			return permission;
		}
		String reason = this.channel.unhealthyReason();
		return (reason != null) ? reason : this.shardChannels.unhealthyReason();
	}

	/**
	 * Says that Redis is out of memory: it refused a write for memory ({@code OOM}: used
	 * memory over {@code maxmemory}, and nothing it may evict), and still does. Meanwhile
	 * registrations and sends fail with {@link StoreUnavailableException}, while reads,
	 * live streams and unregistering (which frees memory) go on. The store checks every
	 * probe interval whether Redis accepts writes again.
	 * @return the reason, or {@code null} while Redis accepts writes
	 */
	public @Nullable String outOfMemoryReason() {
		return this.conditions.memoryProblem();
	}

	/**
	 * Returns {@code "redis"}.
	 * @return {@code "redis"}
	 */
	@Override
	public String kind() {
		return KIND;
	}

	/**
	 * Returns how this store reaches Redis, as its connection factory is configured.
	 * @return the mode
	 */
	public RedisMode mode() {
		return this.mode;
	}

	/**
	 * Returns the description of the Redis deployment this store uses, such as
	 * {@code "single mode, 127.0.0.1:6379"}.
	 * @return the target
	 */
	public String target() {
		return this.settings.target();
	}

	/**
	 * Prepares this instance for shutting down: completes every live stream on this
	 * instance, as a takeover would, and completes streams opened afterwards at once, so
	 * that clients reconnect to another instance and resume there (each stream records
	 * what it delivered, as at any end). Sessions stay in Redis and every other operation
	 * keeps working until {@link #close()}. Idempotent.
	 */
	@Override
	public void stopStreams() {
		this.runState.stopStreams();
	}

	@Override
	public void close() {
		this.runState.close();
	}

	private void checkStreams() {
		this.housekeeping.touchStreams();
	}

}
