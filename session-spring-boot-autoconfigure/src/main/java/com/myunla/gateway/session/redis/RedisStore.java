package com.myunla.gateway.session.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.Redaction;
import com.myunla.gateway.session.SessionExistsException;
import com.myunla.gateway.session.SessionNotFoundException;
import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.StoreUnavailableException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
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

import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
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
 * checks that it still owns the session. {@code unregister} deletes the keys and tells the owner to complete
 * the stream.</li>
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
 * <p>Thread-safe. Close the store to release its timers and, when it owns them, its Redis connections.
 */
public final class RedisStore implements Store {

	private static final Log logger = LogFactory.getLog(RedisStore.class);

	// Idempotent scripts may be retried when their outcome is unknown: a repeated takeover finds its own token
	// and publishes nothing; release, touch and read change nothing the second time; a repeated register finds
	// its own registration token. A repeated send would append the message twice, a repeated unregister would
	// answer "not found".
	private static final LuaScript REGISTER = LuaScript.load("register", ScriptOutputType.INTEGER, true);

	private static final LuaScript SEND = LuaScript.load("send", ScriptOutputType.VALUE, false);

	private static final LuaScript TAKEOVER = LuaScript.load("takeover", ScriptOutputType.MULTI, true);

	private static final LuaScript RELEASE = LuaScript.load("release", ScriptOutputType.INTEGER, true);

	private static final LuaScript TOUCH = LuaScript.load("touch", ScriptOutputType.MULTI, true);

	private static final LuaScript UNREGISTER = LuaScript.load("unregister", ScriptOutputType.INTEGER, false);

	private static final LuaScript READ = LuaScript.load("read", ScriptOutputType.MULTI, true);

	private static final byte[] META_FIELD = { 'm' };

	private static final byte[] REGISTRATION_FIELD = { 'r' };

	private static final byte[] TOKEN_FIELD = { 't' };

	private static final Duration WARNING_INTERVAL = Duration.ofSeconds(10);

	private final RedisConnection connection;

	private final RedisCommands redis;

	private final RedisMessageListenerContainer container;

	private final Settings settings;

	private final RedisKeys keys;

	private final MetaCodec codec = new MetaCodec();

	private final byte[] expiryArg;

	private final byte[] slideArg;

	private final byte[] retentionArg;

	private final byte[] channelPrefixArg;

	private final byte[] instanceArg;

	private final ChannelTopic channel;

	private final boolean indexInScripts;

	private final MessageListener listener = (message, pattern) -> onFrame(message.getBody());

	private final Map<String, LiveStream> streams = new ConcurrentHashMap<>();

	/**
	 * Tokens of this instance's takeovers whose reply has not arrived yet, each with whether a later takeover
	 * already replaced it. Guarded, together with {@link #streams} updates by takeovers, by
	 * {@link #takeoverLock}.
	 */
	private final Map<String, Boolean> pendingTakeovers = new ConcurrentHashMap<>();

	private final Object takeoverLock = new Object();

	private final Scheduler scheduler;

	private final Disposable.Composite tasks = Disposables.composite();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final AtomicLong receivedMessages = new AtomicLong();

	private final AtomicLong ignoredFrames = new AtomicLong();

	private final AtomicLong probeCounter = new AtomicLong();

	private final @Nullable AutoCloseable ownedResources;

	private volatile String pendingProbe = "";

	private volatile boolean probeAnswered = true;

	private volatile boolean subscriptionHealthy;

	private volatile boolean needsCatchUp;

	private final CompletableFuture<Void> probeReturned = new CompletableFuture<>();

	private volatile long lastWarning;

	private final AtomicInteger missedProbes = new AtomicInteger();

	private final AtomicBoolean resubscribing = new AtomicBoolean();

	/**
	 * Creates a store on the given Redis connections and waits until it can reach Redis and receives its own
	 * pub/sub channel. The container is started if it is not running yet.
	 * @param connectionFactory the Lettuce connections: the store uses its shared native connection and relies
	 * on its client options for command timeouts and reconnects (as {@code SessionRedisClient} sets them)
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
		this.container = container;
		this.ownedResources = ownedResources;
		this.keys = new RedisKeys(settings.prefix(), settings.topic());
		try {
			this.connection = connect(connectionFactory);
		}
		catch (RuntimeException ex) {
			closeOwnedResources();
			throw ex;
		}
		this.redis = commands(this.connection);
		long slide = slideInterval(settings.ttl()).toMillis();
		this.expiryArg = bytes(Long.toString(settings.ttl().toMillis() + slide));
		this.slideArg = bytes(Long.toString(slide));
		this.retentionArg = bytes(Integer.toString(settings.retention()));
		this.channelPrefixArg = bytes(this.keys.channelPrefix());
		this.instanceArg = bytes(settings.instanceId());
		this.channel = new ChannelTopic(this.keys.channel(settings.instanceId()));
		this.indexInScripts = !connectionFactory.isClusterAware();
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
		List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
		try {
			// A refused password can surface as a closed connection when the client gives up on the handshake
			// first; a second attempt usually shows the server's answer, which names the real problem.
			return Mono.fromCallable(factory::getConnection)
				.flatMap((connection) -> commands(connection).ping()
					.thenReturn(connection)
					.doOnError((error) -> connection.close()))
				.timeout(wait)
				.doOnError(failures::add)
				.retryWhen(Retry.fixedDelay(2, Duration.ofMillis(200)).filter((error) -> !isAuthenticationFailure(error)))
				.block();
		}
		catch (RuntimeException ex) {
			throw startupFailure(failures.isEmpty() ? List.of(ex) : failures);
		}
	}

	@SuppressWarnings("unchecked")
	private RedisCommands commands(RedisConnection connection) {
		// The factory's shared native connection: it reconnects by itself, and closing the wrapper around it
		// leaves it open for the factory's other users.
		return new RedisCommands((RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection(),
				new RedisErrors(this.settings.commandTimeout(), this.settings.target()));
	}

	private void start(LettuceConnectionFactory connectionFactory) {
		Duration wait = this.settings.commandTimeout().plus(this.settings.probeInterval());
		this.container.addMessageListener(this.listener, this.channel);
		if (!this.container.isRunning()) {
			this.container.start();
		}
		awaitFirstProbe(wait);
		this.subscriptionHealthy = true;
		Duration probe = this.settings.probeInterval();
		Duration touch = clamp(this.settings.ttl().dividedBy(3), Duration.ofMillis(100), Duration.ofSeconds(30));
		Duration sweep = clamp(this.settings.ttl().dividedBy(2), Duration.ofSeconds(1), Duration.ofMinutes(1));
		this.tasks.add(every(probe, this::probe));
		this.tasks.add(every(touch, this::touchStreams));
		this.tasks.add(every(sweep, this::sweepIndex));
		ClientResources resources = clientResources(connectionFactory);
		if (resources != null) {
			// Any reconnect of the client may have dropped pub/sub frames: catch up once the channel works again.
			this.tasks.add(resources.eventBus()
				.get()
				.filter(ConnectionActivatedEvent.class::isInstance)
				.subscribe((event) -> onReconnect()));
		}
	}

	private void awaitFirstProbe(Duration wait) {
		long deadline = System.nanoTime() + wait.toNanos();
		while (System.nanoTime() < deadline) {
			sendProbe();
			try {
				this.probeReturned.get(200, TimeUnit.MILLISECONDS);
				return;
			}
			catch (TimeoutException ex) {
				// the subscription is not active yet: probe again
			}
			catch (Exception ex) {
				throw new IllegalStateException("Interrupted while subscribing to " + this.channel.getTopic(), ex);
			}
		}
		throw new IllegalStateException("Could not subscribe to Redis channel '" + this.channel.getTopic() + "' ("
				+ this.settings.target() + ") within " + wait);
	}

	@Override
	public Mono<Connection> register(Meta meta) {
		return Mono.defer(() -> {
			ensureOpen();
			if (meta == null) {
				return Mono.error(new IllegalArgumentException("Meta must not be null"));
			}
			String id = meta.id();
			byte[] json = this.codec.write(this.settings.storedRedaction().apply(meta));
			String registration = newToken();
			if (this.indexInScripts) {
				byte[] hint = bytes(Long.toString((long) expiryHint()));
				return this.<Long>eval(REGISTER, indexed(id), json, this.expiryArg, bytes(registration), hint,
						bytes(id))
					.flatMap((registered) -> registered(meta, registration, registered));
			}
			// In a cluster the index lives in another slot: index first, so that a failure leaves at worst an
			// index entry without a session, which list() and the sweep prune.
			return this.redis.zadd(this.keys.index(), expiryHint(), bytes(id))
				.then(this.<Long>eval(REGISTER, sessionKeys(id), json, this.expiryArg, bytes(registration)))
				.flatMap((registered) -> registered(meta, registration, registered));
		});
	}

	private Mono<Connection> registered(Meta meta, String registration, long registered) {
		return (registered == 1) ? Mono.just(new RedisSessionConnection(this, meta, registration))
				: Mono.error(new SessionExistsException(meta.id()));
	}

	@Override
	public Mono<Connection> get(String id) {
		return Mono.defer(() -> {
			ensureOpen();
			Meta.checkId(id);
			return this.<List<byte[]>>eval(TOUCH, id, this.expiryArg, META_FIELD, REGISTRATION_FIELD)
				.filter((fields) -> !fields.isEmpty())
				.<Connection>map((fields) -> new RedisSessionConnection(this, readMeta(id, fields.get(0)),
						text(fields.get(1))))
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
		return Mono.defer(() -> {
			ensureOpen();
			Meta.checkId(id);
			if (message == null) {
				return Mono.error(new IllegalArgumentException("Message must not be null"));
			}
			if (message.data().length > this.settings.maxMessageSize()) {
				return Mono.error(new IllegalArgumentException("Message data of " + message.data().length
						+ " bytes exceeds the limit of " + this.settings.maxMessageSize() + " bytes"));
			}
			return this.<byte[]>eval(SEND, id, bytes(message.event()), message.data(), this.expiryArg,
					this.retentionArg, this.channelPrefixArg, bytes(id), this.slideArg, bytes(registration))
				.switchIfEmpty(Mono.error(() -> new SessionNotFoundException(id)))
				.then();
		});
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
			byte[][] keys = this.indexInScripts ? indexed(id) : sessionKeys(id);
			return this.<Long>eval(UNREGISTER, keys, this.channelPrefixArg, bytes(id), bytes(registration))
				.onErrorMap(RedisCommandExecutionException.class, (ex) -> unusable(id, ex.getMessage(), ex))
				.flatMap((removed) -> {
					if (removed == 0 && !registration.isEmpty()) {
						// gone, or another registration under the same id: leave that one's stream and index alone
						return Mono.error(new SessionNotFoundException(id));
					}
					LiveStream local = this.streams.get(id);
					if (local != null) {
						local.complete();
					}
					Mono<Void> unindex = this.indexInScripts ? Mono.empty()
							: this.redis.zrem(this.keys.index(), bytes(id)).then();
					return (removed == 1) ? unindex : unindex.then(Mono.error(new SessionNotFoundException(id)));
				});
		});
	}

	@Override
	public Flux<Connection> list() {
		return Flux.defer(() -> {
			ensureOpen();
			return this.redis.zrange(this.keys.index()).flatMap((idBytes) -> {
					String id = new String(idBytes, StandardCharsets.UTF_8);
					return this.redis.hget(this.keys.meta(id), META_FIELD)
						.<Connection>map((json) -> new RedisSessionConnection(this, this.codec.read(json)))
						.switchIfEmpty(Mono.defer(() -> this.redis.zrem(this.keys.index(), idBytes).then(Mono.empty())));
				}, 32);
		});
	}

	/**
	 * Opens a session's stream; with a registration token, only of that registration of the session.
	 */
	Flux<Delivery> events(String id, String registration, @Nullable String lastEventId) {
		return Flux.defer(() -> {
			ensureOpen();
			EntryId after = (lastEventId != null) ? EntryId.parseLastEventId(lastEventId.trim()) : null;
			String token = newToken();
			this.pendingTakeovers.put(token, Boolean.FALSE);
			return this.<List<Object>>eval(TAKEOVER, id, this.instanceArg, bytes(token), this.expiryArg,
					this.channelPrefixArg, bytes(id), bytes((after != null) ? after.toString() : ""),
					bytes(registration))
				.filter((result) -> !result.isEmpty())
				.switchIfEmpty(Mono.error(() -> new SessionNotFoundException(id)))
				.doFinally((signal) -> this.pendingTakeovers.remove(token))
				.flatMapMany((result) -> {
					String cursor = text((byte[]) result.get(0));
					if (cursor.isEmpty()) {
						return Mono.error(new IllegalArgumentException("Last event id " + after + " is after the last "
								+ "message of session '" + id + "' (" + text((byte[]) result.get(1)) + ")"));
					}
					EntryId start = (after != null) ? after : parseStored(id, cursor, "delivered cursor");
					LiveStream stream = new LiveStream(this, id, token, this.settings.bufferSize(), start);
					boolean superseded;
					LiveStream previous = null;
					synchronized (this.takeoverLock) {
						superseded = Boolean.TRUE.equals(this.pendingTakeovers.remove(token));
						if (!superseded) {
							previous = this.streams.put(id, stream);
						}
					}
					if (previous != null) {
						previous.complete();
					}
					Flux<Delivery> deliveries = stream.flux();
					if (superseded || this.closed.get()) {
						// taken over again before this reply arrived, or the store closed meanwhile
						this.streams.remove(id, stream);
						stream.complete();
					}
					else {
						stream.start();
					}
					return deliveries;
				});
		});
	}

	Mono<List<Entry>> read(String id, EntryId after, int count) {
		return this.<List<Object>>eval(READ, id, bytes(after.toString()), bytes(Integer.toString(count)))
			.filter((result) -> !result.isEmpty())
			.switchIfEmpty(Mono.error(() -> new SessionNotFoundException(id)))
			.map((result) -> entries(id, result));
	}

	void streamEnded(LiveStream stream) {
		this.streams.remove(stream.sessionId(), stream);
		if (!this.closed.get()) {
			release(stream).subscribe(null, (error) -> logger.debug("Could not release stream of session '"
					+ stream.sessionId() + "'; its ownership lapses with the session", error));
		}
	}

	void catchUpLater(Throwable error) {
		this.needsCatchUp = true;
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
		return this.receivedMessages.get();
	}

	/**
	 * Returns how many malformed frames arrived on this instance's channel and were ignored.
	 * @return the number of ignored frames
	 */
	public long ignoredFrames() {
		return this.ignoredFrames.get();
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
		return this.subscriptionHealthy;
	}

	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.tasks.dispose();
		try {
			this.container.removeMessageListener(this.listener);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not remove the session listener", ex);
		}
		List<LiveStream> open = new ArrayList<>(this.streams.values());
		this.streams.clear();
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

	private void onFrame(byte[] body) {
		Frame frame;
		try {
			frame = Frame.parse(body);
		}
		catch (RuntimeException ex) {
			ignore(body, ex);
			return;
		}
		switch (frame.kind()) {
			case Frame.MESSAGE -> {
				this.receivedMessages.incrementAndGet();
				LiveStream stream = this.streams.get(frame.sessionId());
				// A frame for an earlier stream of the session (or a forged one) is not this stream's: the log
				// holds everything the stream needs.
				if (stream != null && stream.token().equals(frame.token())) {
					stream.onMessage(frame);
				}
			}
			case Frame.TAKEN_OVER -> {
				LiveStream replaced;
				synchronized (this.takeoverLock) {
					// The frame may overtake the reply of the takeover it supersedes (pub/sub and commands use
					// different connections): mark that takeover, and it completes its stream on arrival.
					this.pendingTakeovers.computeIfPresent(frame.replacedToken(), (token, superseded) -> Boolean.TRUE);
					LiveStream stream = this.streams.get(frame.sessionId());
					replaced = (stream != null && stream.token().equals(frame.replacedToken())) ? stream : null;
				}
				if (replaced != null) {
					replaced.complete();
				}
			}
			case Frame.UNREGISTERED -> {
				LiveStream stream = this.streams.get(frame.sessionId());
				if (stream != null) {
					stream.complete();
				}
			}
			default -> onProbe(frame.sessionId());
		}
	}

	private void ignore(byte[] body, RuntimeException reason) {
		long count = this.ignoredFrames.incrementAndGet();
		long now = System.nanoTime();
		if (now - this.lastWarning > WARNING_INTERVAL.toNanos() || count == 1) {
			this.lastWarning = now;
			logger.warn("Ignored a malformed frame of " + body.length + " bytes on channel '" + this.channel.getTopic()
					+ "' (" + reason.getMessage() + "); " + count + " ignored so far");
		}
	}

	private void probe() {
		if (!this.probeAnswered && !this.resubscribing.get()) {
			this.subscriptionHealthy = false;
			this.needsCatchUp = true;
			if (this.missedProbes.incrementAndGet() >= 2) {
				this.missedProbes.set(0);
				logger.warn("Pub/sub liveness probes on '" + this.channel.getTopic() + "' (" + this.settings.target()
						+ ") did not come back; resubscribing");
				resubscribe();
			}
		}
		sendProbe();
	}

	private void sendProbe() {
		String nonce = this.settings.instanceId() + "/" + this.probeCounter.incrementAndGet();
		this.pendingProbe = nonce;
		this.probeAnswered = false;
		this.redis.publish(bytes(this.channel.getTopic()), Frame.probe(nonce))
			.subscribe(null, (error) -> logger.debug("Could not publish a liveness probe", error));
	}

	private void onProbe(String nonce) {
		if (!nonce.equals(this.pendingProbe)) {
			return;
		}
		this.probeAnswered = true;
		this.subscriptionHealthy = true;
		this.missedProbes.set(0);
		this.probeReturned.complete(null);
		if (this.needsCatchUp) {
			this.needsCatchUp = false;
			// Frames published while the subscription was down are lost: read the messages from the logs, and
			// check that every local stream still owns its session (a takeover frame may be among the lost).
			this.streams.values().forEach(LiveStream::catchUp);
			touchStreams();
		}
	}

	private void onReconnect() {
		this.needsCatchUp = true;
		if (!this.closed.get()) {
			this.scheduler.schedule(this::sendProbe);
		}
	}

	private void resubscribe() {
		if (!this.resubscribing.compareAndSet(false, true)) {
			return;
		}
		Schedulers.boundedElastic().schedule(() -> {
			try {
				this.container.stop();
				this.container.start();
			}
			catch (RuntimeException ex) {
				logger.warn("Resubscribing to '" + this.channel.getTopic() + "' failed; retrying at the next probe", ex);
			}
			finally {
				this.resubscribing.set(false);
			}
		});
	}

	private void touchStreams() {
		for (LiveStream stream : this.streams.values()) {
			this.<List<byte[]>>eval(TOUCH, stream.sessionId(), this.expiryArg, TOKEN_FIELD).subscribe((fields) -> {
				if (fields.isEmpty() || !stream.token().equals(text(fields.get(0)))) {
					// unregistered, expired or taken over while a control frame was lost
					stream.complete();
				}
			}, this::catchUpLater);
		}
	}

	private void sweepIndex() {
		long now = System.currentTimeMillis();
		this.redis.zrangeByScore(this.keys.index(), now, 1000)
			.flatMap((idBytes) -> {
				String id = new String(idBytes, StandardCharsets.UTF_8);
				return this.redis.exists(this.keys.meta(id))
					.flatMap((exists) -> (exists > 0) ? this.redis.zadd(this.keys.index(), expiryHint(), idBytes)
							: this.redis.zrem(this.keys.index(), idBytes));
			}, 16)
			.then()
			.timeout(this.settings.commandTimeout().multipliedBy(4))
			.subscribe(null, (error) -> logger.debug("Sweeping the session index failed; retrying later", error));
	}

	private Mono<Long> release(LiveStream stream) {
		return this.<Long>eval(RELEASE, stream.sessionId(), bytes(stream.token()), bytes(stream.deliveredId()));
	}

	private <T> Mono<T> eval(LuaScript script, String id, byte[]... args) {
		return this.<T>eval(script, sessionKeys(id), args).onErrorMap(RedisCommandExecutionException.class,
				(ex) -> unusable(id, ex.getMessage(), ex));
	}

	private Meta readMeta(String id, byte[] json) {
		try {
			return this.codec.read(json);
		}
		catch (RuntimeException ex) {
			throw unusable(id, "unreadable metadata", ex);
		}
	}

	private static EntryId parseStored(String id, String text, String what) {
		try {
			return EntryId.parse(text);
		}
		catch (IllegalArgumentException ex) {
			throw unusable(id, "unreadable " + what + " '" + ((text.length() > 64) ? text.substring(0, 64) : text)
					+ "'", ex);
		}
	}

	/**
	 * Returns the error of an operation on a session whose data in Redis is damaged (edited by hand, a key of
	 * the wrong type): it names the session, and concerns no other session.
	 */
	private static IllegalStateException unusable(String id, @Nullable String reason, Throwable cause) {
		return new IllegalStateException("The data of session '" + id + "' in Redis is unusable (" + reason
				+ "); unregister the session or repair its keys", cause);
	}

	private <T> Mono<T> eval(LuaScript script, byte[][] keys, byte[]... args) {
		return this.redis.eval(script, keys, args);
	}

	private byte[][] sessionKeys(String id) {
		return new byte[][] { this.keys.meta(id), this.keys.log(id) };
	}

	private byte[][] indexed(String id) {
		return new byte[][] { this.keys.meta(id), this.keys.log(id), this.keys.index() };
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

	private double expiryHint() {
		return System.currentTimeMillis() + this.settings.ttl().toMillis();
	}

	private static @Nullable ClientResources clientResources(LettuceConnectionFactory factory) {
		return factory.getClientResources();
	}

	private static List<Entry> entries(String sessionId, List<Object> result) {
		List<Entry> entries = new ArrayList<>(result.size() / 4);
		// the first element is the session's last entry id
		for (int i = 1; i + 3 < result.size(); i += 4) {
			EntryId id = parseStored(sessionId, text((byte[]) result.get(i)), "log entry id");
			// A damaged link to the previous entry only hides a gap notice: deliver the entry all the same.
			EntryId previous = EntryId.parseOrUnknown(text((byte[]) result.get(i + 1)));
			Message message = new Message(text((byte[]) result.get(i + 2)), (byte[]) result.get(i + 3));
			entries.add(new Entry(id, previous, message));
		}
		return entries;
	}

	private static String newToken() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
	}

	/**
	 * Returns how long a send may reuse the expiry set by an earlier one: a tenth of the ttl, at most one
	 * second. Every expiry is set to the ttl plus this interval, so a session expires between {@code ttl} and
	 * {@code ttl} plus this interval after its last activity.
	 */
	static Duration slideInterval(Duration ttl) {
		return clamp(ttl.dividedBy(10), Duration.ofMillis(1), Duration.ofSeconds(1));
	}

	private static Duration clamp(Duration value, Duration min, Duration max) {
		return (value.compareTo(min) < 0) ? min : (value.compareTo(max) > 0) ? max : value;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	/**
	 * An entry of a session's log.
	 */
	record Entry(EntryId id, EntryId previous, Message message) {
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
