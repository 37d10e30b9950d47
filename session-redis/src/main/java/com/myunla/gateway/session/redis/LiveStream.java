package com.myunla.gateway.session.redis;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.SessionNotFoundException;
import com.myunla.gateway.session.SlowConsumerException;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * The live stream of one session on this instance: delivers the session's log in order,
 * exactly once.
 *
 * <p>
 * Messages normally arrive as pub/sub frames, each naming the entry before it. A frame
 * that follows the last delivered entry is delivered straight away; anything else (a
 * frame lost to a reconnect, a failover that rewound the log, frames racing a replay)
 * makes the stream read the log after its last delivered entry instead, which holds every
 * acknowledged message. Entries at or before the last delivered one are dropped, so a
 * message read from the log and then received as a frame is delivered once. A frame
 * carries the token of the stream it is for, and the session's delivered cursor never
 * moves beyond its last entry, so a forged frame cannot make this stream or a later one
 * skip messages.
 *
 * <p>
 * State changes happen under this object's lock, which decides the order of deliveries
 * whichever thread (pub/sub dispatch or a Redis reply) brings them; the deliveries are
 * queued there and handed to the subscriber after the lock is released, by one thread at
 * a time, so no subscriber is ever called while the lock is held.
 *
 * <p>
 * The buffer is bounded in deliveries and in bytes of message data; a gap notice counts
 * as a delivery only, and one delivery always fits, whatever its size, so that a message
 * larger than the buffer (sent by an instance with other limits) does not cut every
 * stream that reaches it.
 *
 * <p>
 * Reading the log follows the subscriber's pace: a read asks for no more entries than the
 * buffer has room for, and for no more data than that, give or take one entry (the read
 * script stops after the entry that takes it beyond); entries that do not fit wait for
 * the next read, which waits until the subscriber has taken half of the buffer, in
 * deliveries and in bytes, and made room for the entry that did not fit. A replay longer
 * than the buffer therefore never overflows it; only live frames that a subscriber does
 * not take in time do, and, while a read waits for room, more live frames (or their data)
 * than the buffer holds.
 */
final class LiveStream {

	static final int READ_BATCH = 256;

	/** Slots the sink's queue allocates at a time. */
	private static final int SINK_CHUNK = 8;

	private static final Object COMPLETE = new Object();

	/**
	 * Put in the outbox when the subscriber fell behind without the deliveries that say
	 * so being queued: ends the stream as an overflow of its buffer does.
	 */
	private static final Delivery FELL_BEHIND = Delivery.of("0", Message.of(""));

	/** As {@link #FELL_BEHIND}, when the data of the live messages exceeds the buffer. */
	private static final Delivery FELL_BEHIND_IN_BYTES = Delivery.of("0", Message.of(""));

	private final RedisStore store;

	private final String sessionId;

	private final String token;

	private final int bufferSize;

	private final long bufferBytes;

	private final Sinks.Many<Delivery> sink;

	/**
	 * Signalled when the stream is cut short with {@link #cutShort}, without waiting for
	 * the buffer to drain.
	 */
	private final Sinks.One<Boolean> overflow = Sinks.one();

	/** Deliveries decided under the lock and not yet handed to the sink. */
	private final Queue<Delivery> outbox = new ConcurrentLinkedQueue<>();

	/**
	 * Threads that want to drain the outbox; only the one that raised it from zero
	 * drains.
	 */
	private final AtomicInteger draining = new AtomicInteger();

	/** Deliveries in the outbox or the sink that the subscriber has not taken yet. */
	private final AtomicInteger queued = new AtomicInteger();

	/** Message data of the queued deliveries, in bytes. */
	private final AtomicLong queuedBytes = new AtomicLong();

	/**
	 * Data bytes of the entry that the last read could not queue for want of room in
	 * bytes, {@code 0} if none: the next read waits until it fits.
	 */
	private volatile int blocked;

	/** Data bytes that the read in progress asked for at most. */
	private long readBytes;

	/** Whether a read of the log waits for the subscriber to make room in the buffer. */
	private volatile boolean waiting;

	/**
	 * The error that cut the stream short: the subscriber fell behind, or the sink
	 * refused a delivery.
	 */
	private volatile @Nullable RuntimeException cutShort;

	/** {@link #COMPLETE} or the error that ends the stream, once decided. */
	private volatile @Nullable Object termination;

	private boolean terminated;

	private final EntryId start;

	/**
	 * The client's own text for {@link #start}: what a gap notice and a slow consumer
	 * report name.
	 */
	private final String startId;

	private EntryId last;

	private boolean reading;

	/**
	 * Counts the reads started: the reply of a read that was sent again is not this
	 * stream's any more.
	 */
	private long reads;

	/** The read in flight, to cancel when it is sent again. */
	private @Nullable Disposable read;

	private boolean dirty;

	/**
	 * Whether the next entry read must be preceded by a gap notice whatever it names as
	 * its predecessor: the client's last id was lost by the log.
	 */
	private boolean lost;

	/**
	 * The position after which a gap notice went out: a read from there that had no room
	 * left for an entry after the notice is repeated, and must not say it again.
	 */
	private @Nullable EntryId gapSaidAt;

	/**
	 * Live messages announced by frames while the read waits for the subscriber to make
	 * room.
	 */
	private int unread;

	/** Data bytes of the {@link #unread} messages. */
	private long unreadBytes;

	private boolean ended;

	private volatile String deliveredId;

	LiveStream(RedisStore store, String sessionId, String token, int bufferSize, long bufferBytes, EntryId start,
			String startId, boolean lost) {
		this.store = store;
		this.sessionId = sessionId;
		this.token = token;
		this.bufferSize = bufferSize;
		this.bufferBytes = bufferBytes;
		// A queue that grows with use: most streams idle, and a queue of the buffer's
		// size allocated up front would cost each of them about 1.4 KB. The buffer's
		// bound is kept by counting instead (see emit).
		this.sink = Sinks.many().unicast().onBackpressureBuffer(Queues.<Delivery>unbounded(SINK_CHUNK).get());
		this.start = start;
		this.startId = startId;
		this.last = start;
		this.lost = lost;
		this.deliveredId = start.toString();
	}

	String sessionId() {
		return this.sessionId;
	}

	String token() {
		return this.token;
	}

	String deliveredId() {
		return this.deliveredId;
	}

	Flux<Delivery> flux() {
		// A buffered sink delivers an error only after its queue drains, which a stalled
		// consumer never lets
		// happen: cut the stream short on overflow and signal the error straight away
		// instead.
		return this.sink.asFlux().takeUntilOther(this.overflow.asMono()).concatWith(Mono.defer(() -> {
			RuntimeException error = this.cutShort;
			return (error != null) ? Mono.error(error) : Mono.empty();
		})).doOnNext((delivery) -> {
			if (!delivery.isGap()) {
				this.deliveredId = delivery.id();
				this.queuedBytes.addAndGet(-delivery.message().data().length);
			}
			this.queued.decrementAndGet();
			if (this.waiting && !lacksRoom()) {
				resumeRead();
			}
		}).doFinally((signal) -> {
			synchronized (this) {
				this.ended = true;
			}
			this.store.streamEnded(this);
		});
	}

	void start() {
		catchUp();
	}

	void onMessage(Frame frame) {
		synchronized (this) {
			if (this.ended || !frame.id().isAfter(this.last)) {
				return;
			}
			if (this.waiting) {
				this.unread++;
				this.unreadBytes += frame.message().data().length;
			}
			if (this.waiting && this.unread > this.bufferSize) {
				// more live messages than the buffer holds arrived while the subscriber
				// made no room: it fell behind as surely as if they had been queued
				this.outbox.add(FELL_BEHIND);
			}
			else if (this.waiting && this.unread > 1 && this.unreadBytes > this.bufferBytes) {
				this.outbox.add(FELL_BEHIND_IN_BYTES);
			}
			else if (!this.reading && !this.waiting && !this.lost && frame.previous().equals(this.last)) {
				enqueue(frame.id(), Delivery.of(frame.id().toString(), frame.message()));
				// the entry id's time is the Redis server's clock when the send was
				// acknowledged
				this.store.statistics()
					.onLatency(TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis() - frame.id().millis()));
			}
			else {
				startRead();
			}
		}
		drain();
	}

	void catchUp() {
		synchronized (this) {
			startRead();
		}
		drain();
	}

	void complete() {
		end(null);
	}

	/**
	 * Ends the stream with an error, after the deliveries already decided.
	 */
	void fail(RuntimeException error) {
		end(error);
	}

	private void end(@Nullable Throwable error) {
		synchronized (this) {
			if (this.ended) {
				return;
			}
			this.ended = true;
			this.termination = (error != null) ? error : COMPLETE;
		}
		drain();
	}

	private void startRead() {
		if (this.ended) {
			return;
		}
		if (this.reading) {
			this.dirty = true;
			return;
		}
		if (lacksRoom()) {
			// set before checking again, so that a subscriber taking the last deliveries
			// meanwhile sees it
			this.waiting = true;
			if (lacksRoom()) {
				return;
			}
		}
		this.waiting = false;
		this.unread = 0;
		this.unreadBytes = 0;
		this.reading = true;
		this.dirty = false;
		EntryId from = this.last;
		int count = Math.min(READ_BATCH, this.bufferSize - this.queued.get());
		this.readBytes = this.bufferBytes - this.queuedBytes.get();
		long number = ++this.reads;
		this.read = this.store.read(this.sessionId, from, count, this.readBytes)
			.subscribe((entries) -> onEntries(number, from, count, entries), (error) -> onReadError(number, error));
	}

	/**
	 * Sends the read in flight again, after the cluster's topology changed: it may wait
	 * on a master that died, until the command timeout, while the replica that took its
	 * place already holds the session's log, and the messages sent meanwhile could
	 * outgrow the retention. The read sent again goes to the node serving the session
	 * now.
	 */
	void readAgain() {
		synchronized (this) {
			if (!this.reading || this.ended) {
				return;
			}
			Disposable read = this.read;
			if (read != null) {
				read.dispose();
			}
			this.reading = false;
			startRead();
		}
		drain();
	}

	/**
	 * Says whether a read must wait for the subscriber: until it has taken half of the
	 * buffer, in deliveries and in bytes, and made room for the entry the last read left
	 * (or taken everything).
	 */
	private boolean lacksRoom() {
		int deliveries = this.queued.get();
		long bytes = this.queuedBytes.get();
		return deliveries > this.bufferSize / 2 || bytes > this.bufferBytes / 2
				|| (deliveries > 0 && bytes + this.blocked > this.bufferBytes);
	}

	private void resumeRead() {
		synchronized (this) {
			if (!this.waiting || this.reading) {
				return;
			}
			startRead();
		}
		drain();
	}

	private void onEntries(long number, EntryId from, int count, List<SessionScripts.Entry> entries) {
		synchronized (this) {
			if (number != this.reads) {
				return;
			}
			this.reading = false;
			if (this.ended) {
				return;
			}
			if (!entries.isEmpty() && !from.equals(this.gapSaidAt)
					&& (this.lost || isGap(from, entries.get(0).previous()))) {
				// Entries after the stream's position are not in the log: trimmed while
				// the stream could not read (a resume from an old id, an outage longer
				// than the retention), or lost by a failover. Say so before going on,
				// as a resume does.
				this.lost = false;
				this.gapSaidAt = from;
				String lastEventId = from.equals(this.start) ? this.startId : from.toString();
				this.outbox.add(Delivery.gap(lastEventId, entries.get(0).id().toString()));
				this.queued.incrementAndGet();
			}
			boolean full = false;
			long read = 0;
			this.blocked = 0;
			for (SessionScripts.Entry entry : entries) {
				int size = entry.message().data().length;
				read += size;
				if (this.queued.get() >= this.bufferSize) {
					// the gap notice took a place the read counted on: the rest comes
					// with the next read
					full = true;
					break;
				}
				if (entry.id().isAfter(this.last)) {
					if (this.queued.get() > 0 && this.queuedBytes.get() + size > this.bufferBytes) {
						// the read's last entry goes beyond the room in bytes: it comes
						// with a later read, once the subscriber made room
						this.blocked = size;
						full = true;
						break;
					}
					enqueue(entry.id(), Delivery.of(entry.id().toString(), entry.message()));
					this.store.statistics().onReplayed();
				}
			}
			// more data than asked for: the read stopped after the entry that went beyond
			if (this.dirty || full || entries.size() == count || read > this.readBytes) {
				startRead();
			}
		}
		drain();
	}

	/**
	 * Returns whether the first entry read after a position does not follow it directly:
	 * every entry names the one before it, so anything else means entries in between are
	 * gone. An entry whose predecessor is unreadable reports no gap.
	 */
	private static boolean isGap(EntryId position, EntryId previous) {
		return !previous.equals(position) && !previous.equals(EntryId.UNKNOWN);
	}

	private void onReadError(long number, Throwable error) {
		synchronized (this) {
			if (number != this.reads) {
				return;
			}
			this.reading = false;
		}
		if (error instanceof SessionNotFoundException) {
			complete();
		}
		else if (error instanceof IllegalStateException) {
			// the session's data is damaged: reading again cannot help, so end the stream
			// saying why
			end(error);
		}
		else {
			this.store.catchUpLater(error);
		}
	}

	private void enqueue(EntryId id, Delivery delivery) {
		this.outbox.add(delivery);
		this.queuedBytes.addAndGet(delivery.message().data().length);
		this.queued.incrementAndGet();
		this.last = id;
	}

	/**
	 * Hands the queued deliveries, then the termination, to the sink, outside the lock.
	 * Runs on one thread at a time: a thread that finds another draining leaves its work
	 * to that one.
	 */
	private void drain() {
		if (this.draining.getAndIncrement() != 0) {
			return;
		}
		int missed = 1;
		do {
			Delivery delivery;
			while ((delivery = this.outbox.poll()) != null) {
				if (!this.terminated) {
					emit(delivery);
				}
			}
			Object end = this.termination;
			if (end != null && !this.terminated) {
				this.terminated = true;
				// fails only if the subscriber has already gone, which leaves no one to
				// tell
				if (end == COMPLETE) {
					this.sink.tryEmitComplete();
				}
				else {
					this.sink.tryEmitError((Throwable) end);
				}
			}
			missed = this.draining.addAndGet(-missed);
		}
		while (missed != 0);
	}

	/**
	 * Returns the id of the last message delivered, as the client named it if nothing
	 * followed its own id.
	 */
	private String lastDeliveredId() {
		String delivered = this.deliveredId;
		return delivered.equals(this.start.toString()) ? this.startId : delivered;
	}

	private void emit(Delivery delivery) {
		// the deliveries not taken yet, this one included: more than the buffer holds
		// means the subscriber fell behind
		boolean inBytes = delivery == FELL_BEHIND_IN_BYTES
				|| (this.queued.get() > 1 && this.queuedBytes.get() > this.bufferBytes);
		Sinks.EmitResult result = (delivery == FELL_BEHIND || this.queued.get() > this.bufferSize || inBytes)
				? Sinks.EmitResult.FAIL_OVERFLOW : this.sink.tryEmitNext(delivery);
		if (result.isSuccess()) {
			return;
		}
		this.terminated = true;
		synchronized (this) {
			this.ended = true;
		}
		if (result == Sinks.EmitResult.FAIL_CANCELLED || result == Sinks.EmitResult.FAIL_TERMINATED) {
			// the subscriber has gone or the stream has ended: no one is left to deliver
			// to
			return;
		}
		// Any other refusal loses a delivery, so the stream must not go on as if nothing
		// happened: end it with
		// an error, after which the client resumes after what it received.
		if (result != Sinks.EmitResult.FAIL_OVERFLOW) {
			this.cutShort = new IllegalStateException(
					"Delivery to the stream of session '" + this.sessionId + "' failed (" + result + ")");
		}
		else if (inBytes) {
			this.cutShort = SlowConsumerException.ofBytes(this.sessionId, lastDeliveredId(), this.bufferBytes);
		}
		else {
			this.cutShort = new SlowConsumerException(this.sessionId, lastDeliveredId(), this.bufferSize);
		}
		this.overflow.tryEmitValue(Boolean.TRUE);
	}

}
