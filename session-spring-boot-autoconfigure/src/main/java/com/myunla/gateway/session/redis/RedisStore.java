package com.myunla.gateway.session.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.Redaction;
import com.myunla.gateway.session.SessionExistsException;
import com.myunla.gateway.session.SessionNotFoundException;
import com.myunla.gateway.session.SessionPage;
import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.StoreStatistics;
import com.myunla.gateway.session.StoreUnavailableException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.resource.ClientResources;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.util.Assert;

/**
 * A {@link Store} whose sessions live in Redis and are shared by every instance that uses the same Redis,
 * key prefix and topic: register on one instance, send from any, and the message reaches the session's live
 * stream on whichever instance holds it.
 *
 * <h2>Key layout</h2>
 * A session's keys carry its id as a hash tag, so they share one cluster slot and each operation is one Lua
 * script, atomic and one round trip. With the default prefix {@code session}:
 * <pre>
 * HSET    session:{id}:meta  m &lt;Meta as JSON&gt;  o &lt;owner instance&gt;  t &lt;owner stream token&gt;
 *                            l &lt;last log entry id&gt;  c &lt;last entry delivered to a stream&gt;
 *                            x &lt;when a send last slid the expiry&gt;  r &lt;registration token&gt;
 *                                                                   PEXPIRE ttl + slide interval
 * XADD    session:{id}:log   MAXLEN ~ &lt;retention&gt; * p &lt;previous entry id&gt; e &lt;event&gt; d &lt;data&gt;
 *                                                                   PEXPIRE ttl + slide interval
 * ZADD    session:index      &lt;expiry hint, epoch ms&gt; &lt;id&gt;       (for list(); pruned lazily; updated by
 *                                                             the register and unregister scripts, except in
 *                                                             a cluster, where it is a command of its own)
 * PUBLISH session_updates:&lt;instance id&gt; &lt;frame&gt;                  (only to the instance owning the stream)
 * </pre>
 * Message data is stored and published as raw bytes; the {@code Meta} is plain JSON without type information,
 * its request's secrets {@linkplain Settings#storedRedaction() redacted} unless the settings keep them.
 * Every expiry is set to the ttl plus a slide interval (a tenth of the ttl, at most one second), which lets
 * sends within one interval of the last slide skip it: a session expires between {@code ttl} and {@code ttl}
 * plus that interval after its last activity.
 *
 * <h2>Message flow</h2>
 * <ul>
 * <li>{@code send} runs one script: it checks the session exists, appends the message to the session's log
 * (a Redis stream trimmed to about {@code retention} entries), slides the expiry of both keys and publishes
 * the message to the channel of the instance owning the session's stream, if any. Acknowledged means in the
 * log. The entry id becomes the message id, so ids increase within a session even across a failover.</li>
 * <li>Opening a stream ({@code events}) runs a takeover script that makes this instance's new stream the
 * owner and tells the previous owner, wherever it is, to complete its stream. The stream then replays the
 * log after the client's last id (or after the last id any earlier stream delivered) and goes on live.</li>
 * <li>Each pub/sub frame names the entry before it and the token of the stream it is for. The owner delivers
 * a frame for its stream that follows what it delivered last; on any gap it reads the missing entries from the
 * log instead. A last event id after the session's last entry is rejected with
 * {@link IllegalArgumentException} before anything is taken over, and the session's delivered cursor never
 * moves beyond its last entry, so neither a forged id nor a forged frame can make later streams skip
 * messages. Duplicates are dropped by id,
 * so each acknowledged message is delivered once and in order.</li>
 * <li>A liveness probe publishes to this instance's own channel every {@code probeInterval}. A probe that
 * does not come back marks the subscription unhealthy and, when repeated, makes the store resubscribe; a
 * probe that comes back after a problem (or after any reconnect of the Redis client) makes every local
 * stream catch up from the log, so messages published while the subscription was down are delivered.</li>
 * <li>While a stream is open, its owner slides the session's expiry every {@code min(ttl / 3, 30 s)} and
 * checks that it still owns the session, in one script call for up to 500 streams (in a cluster, streams whose
 * sessions the same node serves). {@code unregister} deletes the keys and tells the owner to complete the
 * stream.</li>
 * </ul>
 *
 * <h2>Guarantees and limits</h2>
 * Redis replicates asynchronously: a message acknowledged by a master that dies before its replica received
 * it is lost with that master. Everything else acknowledged is delivered exactly once, in order, within the
 * retention window, also across reconnects and failovers; a resume from an id older than the log starts with
 * a {@linkplain Delivery#isGap() gap notice}. An operation that cannot reach Redis within
 * {@code commandTimeout}, or finds it refusing commands for a while (a cluster down or migrating a slot, a
 * failover under way), fails with {@link StoreUnavailableException}; within that time the store retries
 * what is safe to retry (see {@code RedisErrors}).
 *
 * <p>This class implements the {@link Store} operations; the package's other classes do the rest: the scripts
 * and their arguments ({@code SessionScripts}), this instance's pub/sub channel with its probe and catch-up
 * ({@code InstanceChannel}), the local streams and takeovers ({@code LocalStreams}, {@code LiveStream}), the
 * periodic upkeep ({@code Housekeeping}) and the translation of Redis errors ({@code RedisErrors}).
 *
 * <p>Thread-safe. Close the store to release its timers and, when it owns them, its Redis connections.
 */
public final class RedisStore implements Store {

	private static final Log logger = LogFactory.getLog(RedisStore.class);

	private static final byte[] META_FIELD = { 'm' };

	private static final byte[] OWNER_FIELD = { 'o' };

	private static final Duration WARNING_INTERVAL = Duration.ofSeconds(10);

	private final RedisConnection connection;

	private final RedisCalls redis;

	private final Settings settings;

	private final RedisKeys keys;

	private final MetaCodec codec = new MetaCodec();

	private final SessionScripts scripts;

	private final LocalStreams streams = new LocalStreams();

	private final InstanceChannel channel;

	private final Housekeeping housekeeping;

	private final Scheduler scheduler;

	private final Disposable.Composite tasks = Disposables.composite();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final @Nullable AutoCloseable ownedResources;

	private final StoreStatistics statistics = new StoreStatistics();

	private final AtomicLong unreadableSessions = new AtomicLong();

	private volatile long lastListingWarning;

	private final AtomicInteger pendingSends = new AtomicInteger();

	private volatile boolean streamsStopped;

	/**
	 * Creates a store on the given Redis connections and waits until it can reach Redis and receives its own
	 * pub/sub channel. The container is started if it is not running yet.
	 * @param connectionFactory the Lettuce connections: the store uses its shared native connection and relies
	 * on its client options for command timeouts and reconnects (as {@link RedisStoreBuilder} sets them)
	 * @param container the pub/sub listener container, on the same Redis
	 * @param settings the store's settings
	 * @param ownedResources resources the store closes when it is closed (for example the connection factory
	 * it was built with), or {@code null} if their owner closes them
	 * @throws IllegalStateException if Redis cannot be reached or refuses the credentials, with a message
	 * naming the target
	 */
	public RedisStore(LettuceConnectionFactory connectionFactory, RedisMessageListenerContainer container,
			Settings settings, @Nullable AutoCloseable ownedResources) {
		Assert.notNull(connectionFactory, "Connection factory must not be null");
		Assert.notNull(container, "Listener container must not be null");
		Assert.notNull(settings, "Settings must not be null");
		this.settings = settings;
		this.ownedResources = ownedResources;
		this.keys = new RedisKeys(settings.prefix(), settings.topic());
		try {
			this.connection = connect(connectionFactory);
		}
		catch (RuntimeException ex) {
			closeOwnedResources();
			throw ex;
		}
		this.redis = calls(this.connection);
		this.scripts = new SessionScripts(this.redis, this.keys, settings, !connectionFactory.isClusterAware());
		this.channel = new InstanceChannel(container, this.keys.channel(settings.instanceId()), settings, this.redis,
				this.streams, this::checkStreams);
		this.housekeeping = new Housekeeping(this.redis, this.keys, this.scripts, this.streams, this.channel,
				settings.commandTimeout(), this.statistics);
		this.scheduler = Schedulers.newSingle("session-redis", true);
		try {
			start(connectionFactory);
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	/**
	 * Returns a builder of a store with a Redis client of its own, for use without a Spring context.
	 * @return a new builder with the defaults
	 */
	public static RedisStoreBuilder builder() {
		return new RedisStoreBuilder();
	}

	/**
	 * Opens the store's connection and checks that Redis answers, so that a wrong address or password stops
	 * the application at startup with a message that says which.
	 */
	private RedisConnection connect(LettuceConnectionFactory factory) {
		Duration wait = this.settings.commandTimeout().plus(this.settings.probeInterval());
		List<Throwable> failures = new CopyOnWriteArrayList<>();
		try {
			// A refused password can surface as a closed connection when the client gives up on the handshake
			// first; a second attempt usually shows the server's answer, which names the real problem.
			return Mono.fromCallable(factory::getConnection)
				.flatMap((connection) -> calls(connection).ping()
					.thenReturn(connection)
					.doOnError((error) -> connection.close()))
				.timeout(wait)
				.doOnError(failures::add)
				.retryWhen(Retry.fixedDelay(2, Duration.ofMillis(200))
					.filter((error) -> !isAuthenticationFailure(error)))
				.block();
		}
		catch (RuntimeException ex) {
			throw startupFailure(failures.isEmpty() ? List.of(ex) : failures);
		}
	}

	@SuppressWarnings("unchecked")
	private RedisCalls calls(RedisConnection connection) {
		// The factory's shared native connection: it reconnects by itself, and closing the wrapper around it
		// leaves it open for the factory's other users.
		return new RedisCalls((RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection(),
				new RedisErrors(this.settings.commandTimeout(), this.settings.target()));
	}

	private void start(LettuceConnectionFactory connectionFactory) {
		this.channel.subscribe(this.settings.commandTimeout().plus(this.settings.probeInterval()));
		Duration touch = clamp(this.settings.ttl().dividedBy(3), Duration.ofMillis(100), Duration.ofSeconds(30));
		Duration sweep = clamp(this.settings.ttl().dividedBy(2), Duration.ofSeconds(1), Duration.ofMinutes(1));
		this.tasks.add(every(this.settings.probeInterval(), this.channel::probe));
		this.tasks.add(every(touch, this.housekeeping::touchStreams));
		this.tasks.add(every(sweep, this.housekeeping::sweepIndex));
		ClientResources resources = connectionFactory.getClientResources();
		if (resources != null) {
			// Any reconnect of the client may have dropped pub/sub frames: catch up once the channel works again.
			this.tasks.add(resources.eventBus()
				.get()
				.filter(ConnectionActivatedEvent.class::isInstance)
				.subscribe((event) -> {
					if (!this.closed.get()) {
						this.scheduler.schedule(this.channel::reconnected);
					}
				}));
		}
	}

	@Override
	public Mono<Connection> register(Meta meta) {
		return Mono.defer(() -> {
			ensureOpen();
			if (meta == null) {
				return Mono.error(new IllegalArgumentException("Meta must not be null"));
			}
			byte[] json = this.codec.write(this.settings.storedRedaction().apply(meta));
			String registration = SessionScripts.newToken();
			return this.scripts.register(meta.id(), json, registration)
				.flatMap((registered) -> {
					if (!registered) {
						return Mono.error(new SessionExistsException(meta.id()));
					}
					this.statistics.onRegistered();
					return Mono.just(new RedisSessionHandle(this, meta, registration));
				});
		});
	}

	@Override
	public Mono<Connection> get(String id) {
		return Mono.defer(() -> {
			ensureOpen();
			Meta.checkId(id);
			return this.scripts.get(id)
				.<Connection>map((fields) -> new RedisSessionHandle(this, readMeta(id, fields.get(0)),
						SessionScripts.text(fields.get(1))))
				.switchIfEmpty(Mono.error(() -> new SessionNotFoundException(id)));
		});
	}

	@Override
	public Mono<Void> send(String id, Message message) {
		return send(id, "", message);
	}

	/**
	 * Sends a message to a session; with a registration token, only to that registration of the session.
	 */
	Mono<Void> send(String id, String registration, Message message) {
		// counted from subscription to completion, so that close() can let sends in flight finish
		return Mono.defer(() -> {
			this.pendingSends.incrementAndGet();
			return Mono.defer(() -> sendNow(id, registration, message))
				.doFinally((signal) -> this.pendingSends.decrementAndGet());
		});
	}

	private Mono<Void> sendNow(String id, String registration, Message message) {
		ensureOpen();
		Meta.checkId(id);
		if (message == null) {
			return Mono.error(new IllegalArgumentException("Message must not be null"));
		}
		if (message.data().length > this.settings.maxMessageSize()) {
			return Mono.error(new IllegalArgumentException("Message data of " + message.data().length
					+ " bytes exceeds the limit of " + this.settings.maxMessageSize() + " bytes"));
		}
		return this.scripts.send(id, registration, message).doOnSuccess((done) -> this.statistics.onSent());
	}

	@Override
	public Mono<Void> unregister(String id) {
		return unregister(id, "");
	}

	/**
	 * Unregisters a session; with a registration token, only that registration of the session.
	 */
	Mono<Void> unregister(String id, String registration) {
		return Mono.defer(() -> {
			ensureOpen();
			Meta.checkId(id);
			return this.scripts.unregister(id, registration).flatMap((removed) -> {
				if (removed || registration.isEmpty()) {
					LiveStream local = this.streams.get(id);
					if (local != null) {
						local.complete();
					}
				}
				if (removed) {
					this.statistics.onUnregistered();
					return Mono.empty();
				}
				return Mono.error(new SessionNotFoundException(id));
			});
		});
	}

	/**
	 * Reads one page of the sessions, in the order of the index ({@code <prefix>:index}), that is by the expiry
	 * hint set at registration, roughly the order of registration; see {@link Store#list(String, int)}. A page
	 * costs one script on the index and one {@code HMGET} per session of the page, whatever the number of
	 * sessions. The cursor encodes the last entry of the page (its score and id), so a page stays consistent
	 * while sessions come and go; an entry whose hint the sweep renews during a pass may be listed twice.
	 * Index entries of gone sessions are pruned. A session whose keys cannot be read (unreadable {@code Meta}
	 * JSON, a key of the wrong type) is skipped and logged, at most once per 10 seconds.
	 * @param cursor {@code null} for the first page, or the previous page's next cursor
	 * @param pageSize the most sessions the page holds, from 1 to {@value Store#MAX_PAGE_SIZE}
	 * @return the page, {@link IllegalArgumentException} for a bad page size or cursor, or
	 * {@link StoreUnavailableException} if Redis cannot be reached
	 */
	@Override
	public Mono<SessionPage> list(@Nullable String cursor, int pageSize) {
		return Mono.defer(() -> {
			ensureOpen();
			SessionPage.checkPageSize(pageSize);
			IndexEntry after = (cursor != null) ? IndexEntry.decode(cursor) : null;
			byte[] score = (after != null) ? SessionScripts.bytes(after.score()) : new byte[0];
			byte[] id = (after != null) ? SessionScripts.bytes(after.id()) : new byte[0];
			return this.scripts.page(score, id, pageSize + 1)
				.flatMap((result) -> {
					List<IndexEntry> entries = new ArrayList<>(result.size() / 2);
					for (int i = 0; i + 1 < result.size(); i += 2) {
						entries.add(new IndexEntry(SessionScripts.text((byte[]) result.get(i + 1)),
								SessionScripts.text((byte[]) result.get(i))));
					}
					boolean more = entries.size() > pageSize;
					List<IndexEntry> page = more ? entries.subList(0, pageSize) : entries;
					String next = more ? page.get(page.size() - 1).encode() : null;
					return Flux.fromIterable(page)
						.flatMapSequential(this::listed, 32)
						.collectList()
						.map((sessions) -> new SessionPage(sessions, next));
				});
		});
	}

	private Mono<Connection> listed(IndexEntry entry) {
		byte[] id = SessionScripts.bytes(entry.id());
		return this.redis.hmget(this.keys.meta(entry.id()), META_FIELD, OWNER_FIELD).flatMap((values) -> {
			if (!values.get(0).hasValue()) {
				return this.housekeeping.pruned(id).then(Mono.empty());
			}
			Meta meta = this.codec.read(values.get(0).getValue());
			String owner = values.get(1).hasValue() ? SessionScripts.text(values.get(1).getValue()) : "";
			return Mono.<Connection>just(new RedisSessionHandle(this, meta, "", owner.isEmpty() ? null : owner));
		}).onErrorResume((error) -> !(error instanceof StoreUnavailableException), (error) -> {
			skipUnreadable(entry.id(), error);
			return Mono.empty();
		});
	}

	private void skipUnreadable(String id, Throwable error) {
		long count = this.unreadableSessions.incrementAndGet();
		long now = System.nanoTime();
		if (now - this.lastListingWarning > WARNING_INTERVAL.toNanos() || count == 1) {
			this.lastListingWarning = now;
			// Only Redis's own error text: a JSON parser's message may quote the request's secrets.
			String reason = (error instanceof RedisCommandExecutionException) ? error.getMessage()
					: error.getClass().getSimpleName();
			logger.warn("Skipped session '" + id + "' in a listing: its keys cannot be read (" + reason + "); "
					+ count + " skipped so far");
		}
	}

	/**
	 * Counts the entries of the session index: the registered sessions plus, for a moment, sessions that
	 * expired and were not pruned yet by a listing or the periodic sweep.
	 * @return the number of indexed sessions, or {@link StoreUnavailableException} if Redis cannot be reached
	 */
	@Override
	public Mono<Long> count() {
		return Mono.defer(() -> {
			ensureOpen();
			return this.redis.zcard(this.keys.index());
		});
	}

	/**
	 * Looks up which instance owns the live stream of a session now. Not activity.
	 * @param id the session id
	 * @return the owning instance's id, empty if the session has no open stream or is gone, or
	 * {@link StoreUnavailableException} if Redis cannot be reached
	 */
	public Mono<String> owner(String id) {
		return Mono.defer(() -> {
			ensureOpen();
			Meta.checkId(id);
			return this.redis.hget(this.keys.meta(id), OWNER_FIELD).map(SessionScripts::text).filter((o) -> !o.isEmpty());
		});
	}

	/**
	 * Returns the instance that owned the live stream of a session when {@link #list(String, int)} listed it.
	 * @param connection a connection of this store
	 * @return the owning instance's id, or {@code null} if no stream was open, or the connection does not come
	 * from a listing
	 */
	public @Nullable String listedOwner(Connection connection) {
		return (connection instanceof RedisSessionHandle handle) ? handle.owner() : null;
	}

	Flux<Delivery> events(String id, String registration, @Nullable String lastEventId) {
		return this.statistics.stream(Flux.defer(() -> {
			ensureOpen();
			if (this.streamsStopped) {
				// the instance is shutting down: the client reconnects elsewhere and resumes there
				return Flux.empty();
			}
			EntryId after = (lastEventId != null) ? EntryId.parseLastEventId(lastEventId.trim()) : null;
			String token = SessionScripts.newToken();
			this.streams.takeoverStarted(token);
			return this.scripts.takeover(id, token, after, registration)
				.doFinally((signal) -> this.streams.takeoverEnded(token))
				.flatMapMany((result) -> {
					String cursor = SessionScripts.text((byte[]) result.get(0));
					if (cursor.isEmpty()) {
						return Mono.error(new IllegalArgumentException("Last event id " + after + " is after the last "
								+ "message of session '" + id + "' (" + SessionScripts.text((byte[]) result.get(1))
								+ ")"));
					}
					EntryId start = (after != null) ? after
							: SessionScripts.parseStored(id, cursor, "delivered cursor");
					// the client's own text for its last id, which gap notices and slow consumer errors repeat
					String startId = (lastEventId != null) ? lastEventId.trim()
							: start.equals(EntryId.ZERO) ? "0" : start.toString();
					LiveStream stream = new LiveStream(this, id, token, this.settings.bufferSize(), start,
							startId);
					Flux<Delivery> deliveries = stream.flux();
					if (!this.streams.adopt(stream) || this.closed.get() || this.streamsStopped) {
						// taken over again before this reply arrived, or the store closed or stopped its streams
						// meanwhile
						this.streams.remove(stream);
						stream.complete();
					}
					else {
						stream.start();
					}
					return deliveries;
				});
		}));
	}

	Mono<List<SessionScripts.Entry>> read(String id, EntryId after, int count) {
		return this.scripts.read(id, after, count);
	}

	void streamEnded(LiveStream stream) {
		this.streams.remove(stream);
		if (!this.closed.get()) {
			release(stream).subscribe(null, (error) -> logger.debug("Could not release stream of session '"
					+ stream.sessionId() + "'; its ownership lapses with the session", error));
		}
	}

	void catchUpLater(Throwable error) {
		this.channel.catchUpLater();
		logger.debug("Reading a session log failed; catching up once Redis answers again", error);
	}

	/**
	 * Returns this instance's id in the fleet, the suffix of its pub/sub channel.
	 * @return the instance id
	 */
	public String instanceId() {
		return this.settings.instanceId();
	}

	/**
	 * Returns how many message frames this instance received on its pub/sub channel. Each message sent to a
	 * session whose stream is open on this instance is received here once, and nowhere else.
	 * @return the number of message frames received
	 */
	public long receivedMessages() {
		return this.channel.receivedMessages();
	}

	/**
	 * Returns how many malformed frames arrived on this instance's channel and were ignored.
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
	 * Returns the local live stream of a session, if this instance holds it.
	 */
	@Nullable LiveStream localStream(String sessionId) {
		return this.streams.get(sessionId);
	}

	/**
	 * Returns whether the last liveness probe came back over pub/sub.
	 * @return whether the subscription is known to work
	 */
	public boolean isSubscriptionHealthy() {
		return this.channel.isHealthy();
	}

	/**
	 * Returns the store's counters, for metrics. All are filled: a message is replayed when a stream reads it
	 * from the session's log (on a resume, or a catch-up after lost pub/sub frames) rather than receiving it
	 * over pub/sub; the delivery latency is measured for messages received over pub/sub, from the entry id's
	 * time (the Redis server's clock at the send) to the hand-off; a session counts as expired when a listing
	 * or the index sweep finds its index entry without its keys.
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
		return this.channel.probeFailures();
	}

	/**
	 * Says why the subscription is not known to work, while it is not.
	 * @return the reason, or {@code null} while the last probe came back
	 */
	public @Nullable String unhealthyReason() {
		return this.channel.unhealthyReason();
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
	 * Prepares this instance for shutting down: completes every live stream on this instance, as a takeover
	 * would, and completes streams opened afterwards at once, so that clients reconnect to another instance
	 * and resume there (each stream records what it delivered, as at any end). Sessions stay in Redis and every
	 * other operation keeps working until {@link #close()}. Idempotent.
	 */
	@Override
	public void stopStreams() {
		this.streamsStopped = true;
		this.streams.all().forEach(LiveStream::complete);
	}

	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		awaitPendingSends();
		this.tasks.dispose();
		this.channel.unsubscribe();
		List<LiveStream> open = this.streams.clear();
		open.forEach(LiveStream::complete);
		try {
			Flux.fromIterable(open).flatMap(this::release).then().block(this.settings.commandTimeout());
		}
		catch (RuntimeException ex) {
			logger.debug("Could not release the open streams on close; their ownership lapses", ex);
		}
		this.scheduler.dispose();
		this.connection.close();
		closeOwnedResources();
	}

	/**
	 * Waits, at most the command timeout, for sends already under way: they use the connection that close()
	 * releases. close() is synchronous (a Spring destroy method), so this is a short bounded wait; sends
	 * subscribed from now on fail as the store is closed.
	 */
	private void awaitPendingSends() {
		long deadline = System.nanoTime() + this.settings.commandTimeout().toNanos();
		while (this.pendingSends.get() > 0 && System.nanoTime() < deadline) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
		}
	}

	private void closeOwnedResources() {
		if (this.ownedResources != null) {
			try {
				this.ownedResources.close();
			}
			catch (Exception ex) {
				logger.warn("Could not close the Redis resources of the session store", ex);
			}
		}
	}

	private void checkStreams() {
		this.housekeeping.touchStreams();
	}

	private Mono<Long> release(LiveStream stream) {
		return this.scripts.release(stream.sessionId(), stream.token(), stream.deliveredId());
	}

	private Meta readMeta(String id, byte[] json) {
		try {
			return this.codec.read(json);
		}
		catch (RuntimeException ex) {
			throw SessionScripts.unusable(id, "unreadable metadata", ex);
		}
	}

	private IllegalStateException startupFailure(List<Throwable> failures) {
		Throwable last = failures.get(failures.size() - 1);
		for (Throwable failure : failures) {
			if (isAuthenticationFailure(failure)) {
				return new IllegalStateException("Redis authentication failed (" + this.settings.target()
						+ "): check session.redis.username and session.redis.password", failure);
			}
		}
		Throwable root = last;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return new IllegalStateException(
				"Cannot connect to Redis (" + this.settings.target() + "): " + root.getMessage(), last);
	}

	private static boolean isAuthenticationFailure(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			String message = String.valueOf(cause.getMessage());
			if (message.contains("WRONGPASS") || message.contains("NOAUTH")
					|| message.contains("invalid username-password") || message.contains("invalid password")) {
				return true;
			}
		}
		return false;
	}

	private void ensureOpen() {
		if (this.closed.get()) {
			throw new IllegalStateException("The session store is closed");
		}
	}

	private Disposable every(Duration period, Runnable task) {
		return Flux.interval(period, period, this.scheduler).subscribe((tick) -> {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				logger.warn("Session store housekeeping failed", ex);
			}
		});
	}

	private static Duration clamp(Duration value, Duration min, Duration max) {
		return (value.compareTo(min) < 0) ? min : (value.compareTo(max) > 0) ? max : value;
	}

	/**
	 * An entry of the session index, and its encoding as a listing cursor: {@code <score>:<id>} in URL-safe
	 * Base64.
	 */
	private record IndexEntry(String score, String id) {

		String encode() {
			return Base64.getUrlEncoder().withoutPadding().encodeToString(SessionScripts.bytes(this.score + ":" + this.id));
		}

		static IndexEntry decode(String cursor) {
			try {
				String text = SessionScripts.text(Base64.getUrlDecoder().decode(cursor));
				int colon = text.indexOf(':');
				Assert.isTrue(colon > 0, "no score");
				String score = text.substring(0, colon);
				Assert.isTrue(Double.isFinite(Double.parseDouble(score)), "score not finite");
				return new IndexEntry(score, Meta.checkId(text.substring(colon + 1)));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("Malformed session listing cursor", ex);
			}
		}

	}

	/**
	 * Settings of a {@link RedisStore}.
	 *
	 * @param prefix prefix of every key
	 * @param topic prefix of the pub/sub channels
	 * @param instanceId this instance's id in the fleet; must differ between running instances
	 * @param ttl time after which an idle session expires
	 * @param retention messages kept per session for resuming (Redis keeps at least this many)
	 * @param bufferSize messages a live stream may fall behind before it is disconnected
	 * @param maxMessageSize largest message data accepted, in bytes
	 * @param commandTimeout time after which a Redis operation fails with {@link StoreUnavailableException}; the
	 * connection's client enforces it, the store bounds its startup checks with it
	 * @param probeInterval interval of the pub/sub liveness probe
	 * @param target description of the Redis deployment for error messages, such as
	 * {@code "single mode, 127.0.0.1:6379"}
	 * @param storedRedaction the request values replaced by {@value Redaction#REDACTED} before a session's
	 * metadata is written to Redis ({@link Redaction#none()} keeps them in clear, readable by every instance,
	 * and by whoever can read Redis, its replicas or its persistence files, for the session's ttl)
	 */
	public record Settings(String prefix, String topic, String instanceId, Duration ttl, int retention, int bufferSize,
			long maxMessageSize, Duration commandTimeout, Duration probeInterval, String target,
			Redaction storedRedaction) {

		/**
		 * Creates settings.
		 * @throws IllegalArgumentException if a value can never work
		 */
		public Settings {
			Assert.hasText(prefix, "prefix must not be empty");
			Assert.hasText(topic, "topic must not be empty");
			Assert.hasText(instanceId, "instanceId must not be empty");
			Assert.isTrue(instanceId.chars().noneMatch((c) -> Character.isWhitespace(c) || Character.isISOControl(c)),
					"instanceId must not contain whitespace or control characters");
			Assert.isTrue(ttl != null && ttl.toMillis() > 0, "ttl must be at least 1ms");
			Assert.isTrue(retention >= 1, "retention must be at least 1");
			Assert.isTrue(bufferSize >= 1, "bufferSize must be at least 1");
			Assert.isTrue(maxMessageSize >= 1, "maxMessageSize must be at least 1");
			Assert.isTrue(commandTimeout != null && commandTimeout.toMillis() > 0, "commandTimeout must be positive");
			Assert.isTrue(probeInterval != null && probeInterval.toMillis() > 0, "probeInterval must be positive");
			Assert.hasText(target, "target must not be empty");
			Assert.notNull(storedRedaction, "storedRedaction must not be null");
		}

		/**
		 * Creates settings that keep no request secret of the {@linkplain Redaction#defaults() default
		 * redaction} in Redis.
		 * @param prefix prefix of every key
		 * @param topic prefix of the pub/sub channels
		 * @param instanceId this instance's id in the fleet; must differ between running instances
		 * @param ttl time after which an idle session expires
		 * @param retention messages kept per session for resuming (Redis keeps at least this many)
		 * @param bufferSize messages a live stream may fall behind before it is disconnected
		 * @param maxMessageSize largest message data accepted, in bytes
		 * @param commandTimeout time after which a Redis operation fails with {@link StoreUnavailableException}
		 * @param probeInterval interval of the pub/sub liveness probe
		 * @param target description of the Redis deployment for error messages
		 * @throws IllegalArgumentException if a value can never work
		 */
		public Settings(String prefix, String topic, String instanceId, Duration ttl, int retention, int bufferSize,
				long maxMessageSize, Duration commandTimeout, Duration probeInterval, String target) {
			this(prefix, topic, instanceId, ttl, retention, bufferSize, maxMessageSize, commandTimeout, probeInterval,
					target, Redaction.defaults());
		}

		/**
		 * Returns a random instance id, for settings of an instance that has no configured one.
		 * @return a new random instance id
		 */
		public static String randomInstanceId() {
			return UUID.randomUUID().toString();
		}

	}

}
