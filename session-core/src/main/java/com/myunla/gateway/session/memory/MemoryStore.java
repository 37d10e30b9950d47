package com.myunla.gateway.session.memory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.InstrumentedStore;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.SessionExistsException;
import com.myunla.gateway.session.SessionNotFoundException;
import com.myunla.gateway.session.SessionPage;
import com.myunla.gateway.session.SlowConsumerException;
import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.StoreClosedException;
import com.myunla.gateway.session.StoreStatistics;
import com.myunla.gateway.session.spi.StoreCounters;
import com.myunla.gateway.session.spi.StoreObservations;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@link Store} keeping sessions in the memory of this process, for a gateway running as
 * a single instance. Everything is lost when the process ends.
 *
 * <p>
 * <strong>Delivery.</strong> Each session numbers its messages {@code 1, 2, 3, ...}; the
 * number is the {@linkplain Delivery#id() delivery id}. The last
 * {@linkplain MemoryStoreBuilder#retention(int) retention} messages of a session are kept
 * so that a stream can resume, fewer if their data would exceed
 * {@linkplain MemoryStoreBuilder#retentionBytes(long) retentionBytes}. A stream opened
 * with {@link Connection#events()} continues after the last message that any earlier
 * stream of the session passed downstream (from the first message for a new session);
 * {@link Connection#events(String)} continues after the given id. Either way, if messages
 * between that point and the oldest retained one were dropped, the stream starts with a
 * {@linkplain Delivery#gap(String, String) gap notice}. An id ahead of the session's last
 * message was never assigned: the stream signals {@link IllegalArgumentException} and
 * takes nothing over.
 *
 * <p>
 * <strong>Takeover.</strong> Opening a stream for a session that has one completes the
 * previous stream at once: it receives nothing after the takeover except a message it was
 * handing downstream at that moment, and the new stream started by {@code events()}
 * continues right after that message, so none is lost or duplicated.
 *
 * <p>
 * <strong>Slow consumers.</strong> A stream may hold up to
 * {@linkplain MemoryStoreBuilder#bufferSize(int) bufferSize} messages, with up to
 * {@linkplain MemoryStoreBuilder#bufferBytes(long) bufferBytes} of data, that were sent
 * after it opened and that its subscriber has not requested yet. The message beyond
 * either limit ends the stream with a {@link SlowConsumerException} naming the last id it
 * delivered; the message itself is acknowledged and retained, so the client resumes from
 * that id without a loss as long as the retention covers it. Senders never wait for a
 * stream: when the stream has demand, the sending thread hands it the message (and
 * possibly those of concurrent senders), as Reactor's sinks do, so subscribers must not
 * block; otherwise the message waits for the stream's next request.
 *
 * <p>
 * <strong>Ending a session.</strong> After {@link #unregister(String) unregistering} (or
 * {@link Connection#close() closing}) a session, its stream delivers the messages sent
 * before, then completes.
 *
 * <p>
 * <strong>Expiry.</strong> A session expires after
 * {@linkplain MemoryStoreBuilder#ttl(Duration) ttl} without activity; getting it, sending
 * to it and an open stream count as activity, so a session with an open stream does not
 * expire, and its ttl counts from the later of its last get or send and the end of its
 * last stream. Every operation notices an expired session at once; in addition a sweep on
 * {@link Schedulers#parallel()} frees expired sessions nobody asks about, every half ttl
 * but at least every 30 seconds.
 *
 * <p>
 * <strong>Memory.</strong> A session holds no buffer until its first message, then a ring
 * of the latest retention messages, which grows towards retention plus buffer size only
 * while its stream still has to deliver older ones. A stream adds no buffer of its own.
 * The data a session holds is at most retentionBytes plus bufferBytes: the retained
 * messages and those its stream has yet to deliver.
 *
 * <p>
 * <strong>Lifecycle.</strong> {@link #close()} completes every stream at once, forgets
 * every session and stops the sweep; afterwards every operation signals
 * {@link IllegalStateException}. {@link #stopStreams()}, called first on shutdown,
 * completes the streams alone and keeps the sessions.
 *
 * <p>
 * Instances are thread-safe. Operations on different sessions never contend; operations
 * on one session serialize on a short per-session critical section.
 */
public final class MemoryStore implements InstrumentedStore {

	/** Longest interval between two sweeps, in milliseconds. */
	private static final long MAX_SWEEP_INTERVAL = TimeUnit.SECONDS.toMillis(30);

	/** Largest sum of retention and buffer size: the most messages one session holds. */
	static final int MAX_HELD_MESSAGES = 1 << 30;

	private final MemorySessions sessions = new MemorySessions();

	private final AtomicBoolean closed = new AtomicBoolean();

	/**
	 * Whether {@link #stopStreams()} was called: streams opened afterwards complete at
	 * once.
	 */
	volatile boolean streamsStopped;

	private final Clock clock;

	final long ttlMillis;

	final int retention;

	final long retentionBytes;

	final int bufferSize;

	final long bufferBytes;

	final int maxMessageSize;

	private final Disposable sweeper;

	final StoreCounters statistics = new StoreCounters();

	final DeliveryRings rings;

	/** The store's observations, {@code null} when it observes nothing. */
	final @Nullable StoreObservations observations;

	/**
	 * Creates a store with the defaults of {@link MemoryStoreBuilder}.
	 */
	public MemoryStore() {
		this(builder());
	}

	/**
	 * Creates a store with the builder's settings, which it checked, and starts its
	 * sweep.
	 */
	MemoryStore(MemoryStoreBuilder builder) {
		this.clock = builder.clock;
		this.ttlMillis = toMillis(builder.ttl);
		this.retention = builder.retention;
		this.retentionBytes = builder.retentionBytes;
		this.bufferSize = builder.bufferSize;
		this.bufferBytes = builder.bufferBytes;
		this.maxMessageSize = builder.maxMessageSize;
		this.rings = new DeliveryRings(this.retention, this.bufferSize);
		this.observations = (builder.observationRegistry != null)
				? StoreObservations.create(builder.observationRegistry, kind()) : null;
		long interval = sweepInterval(this.ttlMillis);
		this.sweeper = builder.scheduler.schedulePeriodically(this::sweep, interval, interval, TimeUnit.MILLISECONDS);
	}

	/**
	 * Returns a builder for a store.
	 * @return a new builder with the defaults
	 */
	public static MemoryStoreBuilder builder() {
		return new MemoryStoreBuilder();
	}

	/**
	 * Registers a new session; see {@link Store#register(Meta)}. The id of a session that
	 * expired but was not swept yet can be registered again.
	 * @param meta the session's metadata
	 * @return the session's connection, or {@link SessionExistsException} if the id is
	 * taken, {@link IllegalArgumentException} if {@code meta} is {@code null},
	 * {@link IllegalStateException} if the store is closed
	 */
	@Override
	public Mono<Connection> register(Meta meta) {
		return Mono.fromCallable(() -> doRegister(meta));
	}

	/**
	 * Looks a session up, counting as activity.
	 * @param id the session id
	 * @return the connection, or {@link SessionNotFoundException} if the session is
	 * unknown, unregistered or expired, {@link IllegalArgumentException} if the id is
	 * invalid, {@link IllegalStateException} if the store is closed
	 */
	@Override
	public Mono<Connection> get(String id) {
		return Mono.fromCallable(() -> {
			MemoryConnection connection = find(id);
			connection.access(now());
			return connection;
		});
	}

	/**
	 * Sends a message to a session by id, in one step; see
	 * {@link Connection#send(Message)}.
	 * @param id the session id
	 * @param message the message
	 * @return a {@code Mono} completing once the message is acknowledged; it signals the
	 * errors of {@link #get(String)} and of {@link Connection#send(Message)}
	 */
	@Override
	public Mono<Void> send(String id, Message message) {
		StoreObservations observations = this.observations;
		if (observations != null) {
			return observations.send(message, (traced) -> SendMono.create(this, id, traced));
		}
		return SendMono.create(this, id, message);
	}

	/**
	 * Removes a session; its stream delivers the messages already sent, then completes.
	 * @param id the session id
	 * @return a {@code Mono} completing once the session is removed, or signalling the
	 * errors of {@link #get(String)}
	 */
	@Override
	public Mono<Void> unregister(String id) {
		return Mono.fromRunnable(() -> find(id).end());
	}

	/**
	 * Reads one page of the registered, unexpired sessions, in the order of their ids;
	 * see {@link Store#list(String, int)}. The cursor is the last id of the page,
	 * encoded. Listing is not activity; it frees the expired sessions it comes across.
	 * @param cursor {@code null} for the first page, or the previous page's next cursor
	 * @param pageSize the most sessions the page holds, from 1 to
	 * {@value Store#MAX_PAGE_SIZE}
	 * @return the page, {@link IllegalArgumentException} for a bad page size or cursor,
	 * or {@link IllegalStateException} if the store is closed
	 */
	@Override
	public Mono<SessionPage> list(@Nullable String cursor, int pageSize) {
		return Mono.fromCallable(() -> {
			checkOpen();
			SessionPage.checkPageSize(pageSize);
			return this.sessions.page(cursor, pageSize, now());
		});
	}

	/**
	 * Counts the registered, unexpired sessions, freeing the expired ones it comes
	 * across.
	 * @return the number of sessions, or {@link IllegalStateException} if the store is
	 * closed
	 */
	@Override
	public Mono<Long> count() {
		return Mono.fromCallable(() -> {
			checkOpen();
			return this.sessions.count(now());
		});
	}

	/**
	 * Closes the store: completes every stream at once, forgets every session and stops
	 * the sweep. Idempotent and thread-safe; operations racing with it may still succeed,
	 * later ones signal {@link IllegalStateException}.
	 */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.sweeper.dispose();
		this.sessions.abandonAll();
	}

	/**
	 * Prepares the store for shutting down: completes every live stream, as a takeover
	 * would, and completes streams opened afterwards at once, so that clients reconnect
	 * and resume with their last id (each stream records what it delivered, as at any
	 * end). Sessions stay registered and every other operation keeps working until
	 * {@link #close()}. Idempotent.
	 */
	@Override
	public void stopStreams() {
		this.streamsStopped = true;
		this.sessions.stopStreams();
	}

	/**
	 * Returns {@code "memory"}.
	 * @return {@code "memory"}
	 */
	@Override
	public String kind() {
		return "memory";
	}

	/**
	 * Returns the store's counters, for metrics. All are filled except
	 * {@link StoreStatistics#replayed()} and the delivery latency, which this store does
	 * not measure; a session counts as expired when an operation, a listing or the sweep
	 * finds it idle past its ttl.
	 * @return the counters
	 */
	@Override
	public StoreStatistics statistics() {
		return this.statistics;
	}

	/**
	 * Returns how many sessions the store holds, counting expired ones not freed yet.
	 * @return the number of sessions held
	 */
	int heldSessions() {
		return this.sessions.size();
	}

	private MemoryConnection doRegister(@Nullable Meta meta) {
		checkOpen();
		if (meta == null) {
			throw new IllegalArgumentException("Meta must not be null");
		}
		long now = now();
		MemoryConnection created = new MemoryConnection(this, meta, now);
		this.sessions.add(created, now);
		if (this.closed.get()) {
			// close() may have swept the map before our entry arrived
			created.abandon();
			forget(created);
			throw closedException();
		}
		this.statistics.onRegistered();
		return created;
	}

	MemoryConnection find(String id) {
		checkOpen();
		Meta.checkId(id);
		MemoryConnection connection = this.sessions.get(id);
		if (connection == null) {
			throw notFound(id);
		}
		return connection;
	}

	void forget(MemoryConnection connection) {
		this.sessions.remove(connection);
	}

	long now() {
		return this.clock.millis();
	}

	void checkOpen() {
		if (this.closed.get()) {
			throw closedException();
		}
	}

	/**
	 * Returns the error for a session that is gone: an operation that raced with
	 * {@link #close()} reports the closed store rather than the session.
	 */
	RuntimeException notFound(String id) {
		return this.closed.get() ? closedException() : new SessionNotFoundException(id);
	}

	private void sweep() {
		this.sessions.sweep(now());
	}

	private static StoreClosedException closedException() {
		return new StoreClosedException("Memory session store is closed");
	}

	private static long toMillis(Duration ttl) {
		try {
			return Math.max(1, ttl.toMillis());
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE;
		}
	}

	static long sweepInterval(long ttlMillis) {
		return Math.max(1, Math.min(ttlMillis / 2, MAX_SWEEP_INTERVAL));
	}

}
