package com.myunla.gateway.session.memory;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.SessionNotFoundException;
import com.myunla.gateway.session.SlowConsumerException;
import com.myunla.gateway.session.spi.StoreObservations;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A session of a {@link MemoryStore}, and the only handle on it: {@code get} and
 * {@code list} return this object, so a handle kept across an unregistration does not
 * reach a later session with the same id.
 *
 * <p>
 * Each session numbers its messages and keeps them in a ring of deliveries, sized on
 * demand: no ring until the first message, then one that grows to the retention, and
 * beyond it, up to retention plus buffer size, only while the open stream still has to
 * deliver older messages. The retention counts messages and their data: the oldest
 * message leaves it once there are more messages or more data than it keeps, and its slot
 * is emptied as soon as the open stream, if any, has delivered it. The open stream, if
 * any, is a cursor into that ring ({@link MemoryStream}), so a message costs one
 * {@link Delivery} and no per-stream copy. The ring is dropped when the session ends,
 * once its stream no longer needs it, so a handle kept after that holds little.
 *
 * <p>
 * All mutable state is guarded by a private per-session lock, held only to number, store
 * and hand out messages; subscribers are never called while holding it.
 */
final class MemoryConnection implements Connection {

	/** Returned by {@link #poll} when the stream must terminate. */
	static final Object END = new Object();

	private final MemoryStore store;

	private final Meta meta;

	private final Object lock = new Object();

	/** Id of the last message sent. */
	private long sequence;

	/** Id of the last message handed to a stream: where {@link #events()} continues. */
	private long delivered;

	/** Retained deliveries, see {@link DeliveryRings}. */
	private Delivery @Nullable [] ring;

	/** Id of the oldest retained message; {@code sequence + 1} while there is none. */
	private long oldest = 1;

	/** Data bytes of the retained messages. */
	private long retainedBytes;

	/** Read without the lock by expiry checks, written under it. */
	private volatile @Nullable MemoryStream stream;

	/** Whether the session ended; read without the lock by lookups, written under it. */
	private volatile boolean removed;

	/** Time of the last activity, in milliseconds of the store's clock. */
	private volatile long lastAccess;

	MemoryConnection(MemoryStore store, Meta meta, long now) {
		this.store = store;
		this.meta = meta;
		this.lastAccess = now;
	}

	MemoryStore store() {
		return this.store;
	}

	@Override
	public Meta meta() {
		return this.meta;
	}

	@Override
	public Mono<Void> send(Message message) {
		StoreObservations observations = this.store.observations;
		if (observations != null) {
			return observations.send(message, (traced) -> SendMono.create(this, traced));
		}
		return SendMono.create(this, message);
	}

	@Override
	public Flux<Delivery> events() {
		return events(null);
	}

	@Override
	public Flux<Delivery> events(@Nullable String lastEventId) {
		Flux<Delivery> events = this.store.statistics.stream(MemoryEvents.create(this, lastEventId));
		StoreObservations observations = this.store.observations;
		return (observations != null) ? observations.events(lastEventId, events) : events;
	}

	@Override
	public Mono<Void> close() {
		return Mono.fromRunnable(() -> {
			this.store.checkOpen();
			end();
		});
	}

	/**
	 * Counts a lookup as activity.
	 * @throws SessionNotFoundException if the session ended or expired
	 */
	void access(long now) {
		if (expireIfIdle(now)) {
			throw this.store.notFound(this.meta.id());
		}
		touch(now);
	}

	/**
	 * Numbers, retains and hands out a message.
	 * @throws IllegalArgumentException if the message is null or too large
	 * @throws SessionNotFoundException if the session ended or expired
	 */
	void append(@Nullable Message message) {
		this.store.checkOpen();
		if (message == null) {
			throw new IllegalArgumentException("Message must not be null");
		}
		int size = message.data().length;
		if (size > this.store.maxMessageSize) {
			throw new IllegalArgumentException(
					"Message of " + size + " bytes exceeds the limit of " + this.store.maxMessageSize + " bytes");
		}
		long now = this.store.now();
		MemoryStream live;
		boolean overflow = false;
		synchronized (this.lock) {
			if (this.removed || expireLocked(now)) {
				throw this.store.notFound(this.meta.id());
			}
			long id = ++this.sequence;
			live = this.stream;
			if (live != null) {
				overflow = overflows(live, id, size);
				if (overflow) {
					detach(live);
				}
				else {
					live.heldBytes += size;
				}
			}
			retain(id, MemoryIds.delivery(id, message), size);
			touch(now);
		}
		// a stream without demand picks the message up on its next request
		if (live != null && (overflow || live.requested != 0)) {
			live.drain();
		}
	}

	/**
	 * Says whether message {@code id} takes the live stream beyond its buffer, in
	 * messages or in bytes, and if so sets the error it ends with.
	 */
	private boolean overflows(MemoryStream live, long id, int size) {
		String resumeId = Long.toString(live.resumeId());
		if (id - Math.max(live.claimed, live.openedAt) > this.store.bufferSize) {
			live.error = new SlowConsumerException(this.meta.id(), resumeId, this.store.bufferSize);
			return true;
		}
		if (live.heldBytes + size > this.store.bufferBytes) {
			live.error = SlowConsumerException.ofBytes(this.meta.id(), resumeId, this.store.bufferBytes);
			return true;
		}
		return false;
	}

	/**
	 * Retains message {@code id}, dropping the oldest retained ones beyond the retention
	 * in messages or bytes, and empties the slots of those the live stream has delivered
	 * too.
	 */
	private void retain(long id, Delivery delivery, int size) {
		long needed = oldestNeeded();
		this.retainedBytes += size;
		while (this.oldest < id
				&& (id - this.oldest >= this.store.retention || this.retainedBytes > this.store.retentionBytes)) {
			this.retainedBytes -= DeliveryRings.get(this.ring, this.oldest).message().data().length;
			this.oldest++;
		}
		DeliveryRings.release(this.ring, needed, oldestNeeded());
		this.ring = this.store.rings.retain(this.ring, id, delivery, oldestNeeded());
	}

	/**
	 * Returns the oldest message the ring must hold: the oldest one retained, or an older
	 * one the live stream has yet to deliver.
	 */
	private long oldestNeeded() {
		MemoryStream live = this.stream;
		return (live != null) ? Math.min(this.oldest, live.claimed + 1) : this.oldest;
	}

	/**
	 * Detaches the live stream, emptying the slots of the messages that only it still
	 * needed.
	 */
	private void detach(MemoryStream live) {
		this.stream = null;
		DeliveryRings.release(this.ring, live.claimed + 1, this.oldest);
	}

	/**
	 * Makes the stream the session's live one, taking over from the previous stream, or
	 * fails it if the session is gone or the id is after its last message.
	 * @param lastEventId the id to continue after, or negative to continue after the last
	 * delivered message
	 */
	void open(MemoryStream opening, long lastEventId) {
		long now = this.store.now();
		MemoryStream previous = null;
		synchronized (this.lock) {
			if (opening.cancelled) {
				return;
			}
			if (this.removed || expireLocked(now)) {
				opening.error = this.store.notFound(this.meta.id());
			}
			else if (lastEventId > this.sequence) {
				// ids are this session's sequence numbers: a larger one was never
				// assigned, so it is not the client's position, and taking it as one
				// would skip the messages sent until the sequence reaches it
				opening.error = new IllegalArgumentException("Last event id " + lastEventId
						+ " is after the last message of session '" + this.meta.id() + "' (" + this.sequence + ")");
			}
			else if (this.store.streamsStopped) {
				// not made the session's stream: it completes at once, and the session's
				// position stays
				touch(now);
			}
			else {
				previous = this.stream;
				if (previous != null) {
					detach(previous);
				}
				long start = (lastEventId < 0) ? this.delivered : lastEventId;
				long firstRetained = this.oldest;
				this.delivered = start;
				if (start < firstRetained - 1) {
					opening.gapAfter = start;
					opening.claimed = firstRetained - 1;
				}
				else {
					opening.claimed = start;
				}
				opening.openedAt = this.sequence;
				this.stream = opening;
				touch(now);
			}
			opening.opened = true;
		}
		if (previous != null) {
			previous.drain();
		}
		opening.drain();
	}

	/**
	 * Hands the stream its next item.
	 * @param take whether the stream has demand for an item
	 * @return the next delivery, {@code null} if there is none for now, or {@link #END}
	 * if the stream must terminate with {@link MemoryStream#error} or complete
	 */
	@Nullable Object poll(MemoryStream reader, boolean take) {
		synchronized (this.lock) {
			if (!reader.opened) {
				return null;
			}
			if (this.stream != reader) {
				return END;
			}
			if (reader.gapAfter >= 0) {
				if (!take) {
					return null;
				}
				Delivery gap = MemoryIds.gap(reader.gapAfter, reader.claimed + 1);
				reader.gapAfter = -1;
				reader.more = true;
				this.delivered = reader.claimed;
				return gap;
			}
			if (reader.claimed < this.sequence) {
				if (!take) {
					return null;
				}
				long id = ++reader.claimed;
				reader.more = id < this.sequence || this.removed;
				this.delivered = id;
				Delivery delivery = DeliveryRings.get(this.ring, id);
				if (id > reader.openedAt) {
					reader.heldBytes -= delivery.message().data().length;
				}
				if (id < this.oldest) {
					// no longer retained, and now delivered
					DeliveryRings.release(this.ring, id, id + 1);
				}
				return delivery;
			}
			if (this.removed) {
				this.stream = null;
				this.ring = null;
				return END;
			}
			return null;
		}
	}

	/**
	 * Detaches a cancelled stream; the ttl counts from now.
	 */
	void cancel(MemoryStream reader) {
		long now = this.store.now();
		synchronized (this.lock) {
			if (this.stream == reader) {
				detach(reader);
				touch(now);
			}
		}
	}

	/**
	 * Unregisters the session; its stream delivers what was sent, then completes.
	 * @throws SessionNotFoundException if the session already ended or expired
	 */
	void end() {
		long now = this.store.now();
		MemoryStream live;
		synchronized (this.lock) {
			if (this.removed || expireLocked(now)) {
				throw this.store.notFound(this.meta.id());
			}
			this.removed = true;
			live = this.stream;
			if (live == null) {
				this.ring = null;
			}
		}
		this.store.forget(this);
		this.store.statistics.onUnregistered();
		if (live != null) {
			live.drain();
		}
	}

	/**
	 * Completes the session's stream for a store that stops its streams, as a takeover
	 * would; the ttl counts from now.
	 */
	void stopStream() {
		long now = this.store.now();
		MemoryStream live;
		synchronized (this.lock) {
			live = this.stream;
			if (live == null) {
				return;
			}
			detach(live);
			touch(now);
		}
		live.drain();
	}

	/**
	 * Ends the session for a closing store: its stream completes at once.
	 */
	void abandon() {
		MemoryStream live;
		synchronized (this.lock) {
			this.removed = true;
			live = this.stream;
			this.stream = null;
			this.ring = null;
		}
		if (live != null) {
			live.drain();
		}
	}

	/**
	 * Expires the session if it is idle.
	 * @return whether the session is gone: expired now or earlier, or ended
	 */
	boolean expireIfIdle(long now) {
		if (!this.removed && !isIdle(now)) {
			return false;
		}
		synchronized (this.lock) {
			if (!this.removed && !expireLocked(now)) {
				return false;
			}
		}
		this.store.forget(this);
		return true;
	}

	private boolean expireLocked(long now) {
		if (!isIdle(now)) {
			return false;
		}
		this.removed = true;
		this.ring = null;
		this.store.forget(this);
		this.store.statistics.onExpired();
		return true;
	}

	private boolean isIdle(long now) {
		return this.stream == null && now - this.lastAccess >= this.store.ttlMillis;
	}

	private void touch(long now) {
		// skipping equal writes keeps concurrent senders from bouncing the cache line
		// within a millisecond
		if (this.lastAccess != now) {
			this.lastAccess = now;
		}
	}

}
