package com.myunla.gateway.session.redis;

import java.util.List;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.SessionExistsException;
import com.myunla.gateway.session.SessionNotFoundException;
import com.myunla.gateway.session.spi.StoreCounters;
import com.myunla.gateway.session.spi.StoreObservations;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The session operations of a {@link RedisStore}, once the store has checked that it
 * runs: register, look up, send, unregister, and the takeover that opens a live stream;
 * and, for the handles it returns, the same operations with the check that the store
 * runs. {@code StoreRunState} keeps the store's lifecycle and its checks; this class runs
 * the scripts and keeps the local streams and the counters up to date. It is the host of
 * the live streams it opens.
 */
final class RedisSessions implements LiveStreamHost {

	private static final Log logger = LogFactory.getLog(RedisSessions.class);

	/** Failed log reads are logged under the store's name. */
	private static final Log storeLogger = LogFactory.getLog(RedisStore.class);

	private static final byte[] OWNER_FIELD = { 'o' };

	private final RedisCalls redis;

	private final RedisKeys keys;

	private final RedisStoreSettings settings;

	private final SessionScripts scripts;

	private final LocalStreams streams;

	private final StoreCounters statistics;

	private final StoreRunState runState;

	private final PendingSends pendingSends;

	private final InstanceChannel channel;

	private final MetaCodec codec = new MetaCodec();

	/** The store's observations, {@code null} when it observes nothing. */
	private final @Nullable StoreObservations observations;

	RedisSessions(RedisCalls redis, RedisKeys keys, RedisStoreSettings settings, SessionScripts scripts,
			LocalStreams streams, StoreCounters statistics, StoreRunState runState, PendingSends pendingSends,
			InstanceChannel channel, @Nullable StoreObservations observations) {
		this.redis = redis;
		this.keys = keys;
		this.settings = settings;
		this.scripts = scripts;
		this.streams = streams;
		this.statistics = statistics;
		this.runState = runState;
		this.pendingSends = pendingSends;
		this.channel = channel;
		this.observations = observations;
	}

	Mono<Connection> register(Meta meta) {
		if (meta == null) {
			return Mono.error(new IllegalArgumentException("Meta must not be null"));
		}
		byte[] json = this.codec.write(this.settings.storedRedaction().apply(meta));
		String registration = SessionScripts.newToken();
		return released(this.scripts.register(meta.id(), json, registration)).flatMap((registered) -> {
			if (!registered) {
				return Mono.error(new SessionExistsException(meta.id()));
			}
			this.statistics.onRegistered();
			return Mono.just(new RedisSessionHandle(this, meta, registration));
		});
	}

	Mono<Connection> get(String id) {
		Meta.checkId(id);
		return released(this.scripts.get(id))
			.<Connection>map((fields) -> new RedisSessionHandle(this, this.codec.read(id, fields.get(0)),
					SessionScripts.text(fields.get(1))))
			.switchIfEmpty(Mono.error(() -> new SessionNotFoundException(id)));
	}

	/**
	 * Sends a message to a session, if the store runs; with a registration token, only to
	 * that registration of the session. Closing the store lets the send finish.
	 */
	Mono<Void> sendWhenRunning(String id, String registration, Message message) {
		StoreObservations observations = this.observations;
		if (observations != null) {
			return observations.send(message, (traced) -> this.pendingSends
				.count(this.runState.whenRunning(() -> send(id, registration, traced))));
		}
		return this.pendingSends.count(this.runState.whenRunning(() -> send(id, registration, message)));
	}

	/**
	 * Unregisters a session, if the store runs; with a registration token, only that
	 * registration of the session.
	 */
	Mono<Void> unregisterWhenRunning(String id, String registration) {
		return this.runState.whenRunning(() -> unregister(id, registration));
	}

	/**
	 * Opens a session's live stream on this instance, if the store runs.
	 */
	Flux<Delivery> events(String id, String registration, @Nullable String lastEventId) {
		Flux<Delivery> events = this.statistics
			.stream(this.runState.streamWhenRunning(() -> open(id, registration, lastEventId)));
		StoreObservations observations = this.observations;
		return (observations != null) ? observations.events(lastEventId, events) : events;
	}

	Mono<Void> send(String id, String registration, Message message) {
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

	Mono<Void> unregister(String id, String registration) {
		Meta.checkId(id);
		return this.scripts.unregister(id, registration).flatMap((removed) -> {
			if (removed || registration.isEmpty()) {
				this.streams.complete(id);
			}
			if (removed) {
				this.statistics.onUnregistered();
				return Mono.empty();
			}
			return Mono.error(new SessionNotFoundException(id));
		});
	}

	Mono<String> owner(String id) {
		Meta.checkId(id);
		return this.redis.hget(this.keys.meta(id), OWNER_FIELD).map(SessionScripts::text).filter((o) -> !o.isEmpty());
	}

	/**
	 * Takes a session's live stream over for this instance and opens it here; whether the
	 * store closed or stopped its streams is checked once the takeover is done.
	 */
	private Flux<Delivery> open(String id, String registration, @Nullable String lastEventId) {
		EntryId after = (lastEventId != null) ? EntryId.parseLastEventId(lastEventId.trim()) : null;
		String token = SessionScripts.newToken();
		this.streams.takeoverStarted(token);
		// The takeover stays pending until its stream is adopted or it failed: ended
		// inside released(), it could end on the reply's thread before adopt() runs
		// here, and a frame replacing it in between would find neither.
		return released(this.scripts.takeover(id, token, after, registration))
			.doFinally((signal) -> this.streams.takeoverEnded(token))
			.flatMapMany((takeover) -> {
				EntryId start = takeover.start();
				// the client's own text for its last id, which gap notices and slow
				// consumer errors repeat
				String startId = (lastEventId != null) ? lastEventId.trim()
						: start.equals(EntryId.ZERO) ? "0" : start.toString();
				LiveStream stream = new LiveStream(this, id, token, this.settings.bufferSize(),
						this.settings.bufferBytes(), start, startId, takeover.lost());
				Flux<Delivery> deliveries = stream.flux();
				if (!this.streams.adopt(stream) || this.runState.streamsEnded()) {
					// taken over again before this reply arrived, or the store closed
					// or stopped its streams meanwhile
					this.streams.remove(stream);
					stream.complete();
				}
				else {
					stream.start();
				}
				return deliveries;
			});
	}

	/**
	 * Returns a Mono of a Redis command's result that lets go of the command once it is
	 * answered. Operators such as {@code flatMapMany}, or a web framework writing a
	 * response body, keep their upstream subscription for as long as what follows runs
	 * (an open stream): with it the finished command, its arguments and its reply (1 to 2
	 * KB). A future lets go of its source once answered, and still passes a cancellation
	 * on.
	 */
	private static <T> Mono<T> released(Mono<T> command) {
		return Mono.defer(() -> Mono.fromFuture(command.toFuture()));
	}

	@Override
	public Mono<List<SessionScripts.Entry>> read(String id, EntryId after, int count, long maxBytes) {
		return this.scripts.read(id, after, count, maxBytes);
	}

	@Override
	public StoreCounters statistics() {
		return this.statistics;
	}

	/**
	 * Forgets a live stream that ended and, unless the store is closed (closing releases
	 * the open streams itself), releases the session's ownership.
	 */
	@Override
	public void streamEnded(LiveStream stream) {
		this.streams.remove(stream);
		if (!this.runState.isClosed()) {
			this.scripts.release(stream)
				.subscribe(null, (error) -> logger.debug("Could not release stream of session '" + stream.sessionId()
						+ "'; its ownership lapses with the session", error));
		}
	}

	@Override
	public void readFailed(Throwable error) {
		this.channel.catchUpLater();
		storeLogger.debug("Reading a session log failed; catching up once Redis answers again", error);
	}

}
