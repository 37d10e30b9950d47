package com.myunla.gateway.session.redis;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.SessionExistsException;
import com.myunla.gateway.session.SessionNotFoundException;
import com.myunla.gateway.session.StoreStatistics;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The session operations of a {@link RedisStore}, once the store has checked that it
 * runs: register, look up, send, unregister, and the takeover that opens a live stream.
 * {@code StoreRunState} keeps the store's lifecycle and its checks; this class runs the
 * scripts and keeps the local streams and the counters up to date.
 */
final class RedisSessions {

	private static final Log logger = LogFactory.getLog(RedisSessions.class);

	private static final byte[] OWNER_FIELD = { 'o' };

	private final RedisStore store;

	private final RedisCalls redis;

	private final RedisKeys keys;

	private final RedisStoreSettings settings;

	private final SessionScripts scripts;

	private final LocalStreams streams;

	private final StoreStatistics statistics;

	private final MetaCodec codec = new MetaCodec();

	private final AtomicInteger pendingSends = new AtomicInteger();

	RedisSessions(RedisStore store, RedisCalls redis, RedisKeys keys, RedisStoreSettings settings,
			SessionScripts scripts, LocalStreams streams, StoreStatistics statistics) {
		this.store = store;
		this.redis = redis;
		this.keys = keys;
		this.settings = settings;
		this.scripts = scripts;
		this.streams = streams;
		this.statistics = statistics;
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
			return Mono.just(new RedisSessionHandle(this.store, meta, registration));
		});
	}

	Mono<Connection> get(String id) {
		Meta.checkId(id);
		return released(this.scripts.get(id))
			.<Connection>map((fields) -> new RedisSessionHandle(this.store, this.codec.read(id, fields.get(0)),
					SessionScripts.text(fields.get(1))))
			.switchIfEmpty(Mono.error(() -> new SessionNotFoundException(id)));
	}

	/**
	 * Counts a send from subscription to completion, so that closing the store can let
	 * sends in flight finish.
	 */
	<T> Mono<T> countPending(Mono<T> send) {
		return Mono.defer(() -> {
			this.pendingSends.incrementAndGet();
			return send.doFinally((signal) -> this.pendingSends.decrementAndGet());
		});
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
	 * Takes a session's live stream over for this instance and opens it here.
	 * @param ended whether the store closed or stopped its streams, checked once the
	 * takeover is done
	 */
	Flux<Delivery> open(String id, String registration, @Nullable String lastEventId, BooleanSupplier ended) {
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
				LiveStream stream = new LiveStream(this.store, id, token, this.settings.bufferSize(),
						this.settings.bufferBytes(), start, startId, takeover.lost());
				Flux<Delivery> deliveries = stream.flux();
				if (!this.streams.adopt(stream) || ended.getAsBoolean()) {
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

	Mono<List<SessionScripts.Entry>> read(String id, EntryId after, int count, long maxBytes) {
		return this.scripts.read(id, after, count, maxBytes);
	}

	/**
	 * Forgets a live stream that ended and, unless the store is closed (closing releases
	 * the open streams itself), releases the session's ownership.
	 */
	void streamEnded(LiveStream stream, boolean storeClosed) {
		this.streams.remove(stream);
		if (!storeClosed) {
			release(stream).subscribe(null, (error) -> logger.debug("Could not release stream of session '"
					+ stream.sessionId() + "'; its ownership lapses with the session", error));
		}
	}

	Mono<Long> release(LiveStream stream) {
		return this.scripts.release(stream.sessionId(), stream.token(), stream.deliveredId());
	}

	/**
	 * Waits, at most the command timeout, for sends already under way: they use the
	 * connection that close() releases. close() is synchronous (a Spring destroy method),
	 * so this is a short bounded wait; sends subscribed from now on fail as the store is
	 * closed.
	 */
	void awaitPendingSends() {
		long deadline = System.nanoTime() + this.settings.commandTimeout().toNanos();
		while (this.pendingSends.get() > 0 && System.nanoTime() < deadline) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
		}
	}

}
