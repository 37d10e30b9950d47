package com.myunla.gateway.session.redis;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.SlowConsumerException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * The buffer of one {@link LiveStream}: the deliveries its stream decided, queued in an
 * outbox and handed to the subscriber's sink outside the stream's lock, and the count of
 * what the subscriber has not taken yet, in deliveries and in bytes of message data,
 * which bounds the buffer.
 *
 * <p>
 * The stream adds deliveries and the termination under its own lock; {@link #drain()}
 * runs after the lock is released, on one thread at a time.
 */
final class StreamBuffer {

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

	/** The stream whose deliveries this buffer holds. */
	private final LiveStream stream;

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

	/**
	 * The error that cut the stream short: the subscriber fell behind, or the sink
	 * refused a delivery.
	 */
	private volatile @Nullable RuntimeException cutShort;

	/** {@link #COMPLETE} or the error that ends the stream, once decided. */
	private volatile @Nullable Object termination;

	private boolean terminated;

	private volatile String deliveredId;

	/**
	 * Creates the buffer of a stream. It asks the stream for the session id and the
	 * client's name for the start rather than keeping copies, since idle streams are
	 * many.
	 */
	StreamBuffer(LiveStream stream, int bufferSize, long bufferBytes, EntryId start) {
		this.stream = stream;
		this.bufferSize = bufferSize;
		this.bufferBytes = bufferBytes;
		// A queue that grows with use: most streams idle, and a queue of the buffer's
		// size allocated up front would cost each of them about 1.4 KB. The buffer's
		// bound is kept by counting instead (see emit).
		this.sink = Sinks.many().unicast().onBackpressureBuffer(Queues.<Delivery>unbounded(SINK_CHUNK).get());
		this.deliveredId = start.toString();
	}

	int bufferSize() {
		return this.bufferSize;
	}

	long bufferBytes() {
		return this.bufferBytes;
	}

	String deliveredId() {
		return this.deliveredId;
	}

	/**
	 * Returns the deliveries, each counted out of the buffer as the subscriber takes it.
	 * @param taken runs after each delivery taken
	 */
	Flux<Delivery> flux(Runnable taken) {
		// A buffered sink delivers an error only after its queue drains, which a stalled
		// consumer never lets happen: cut the stream short on overflow and signal the
		// error straight away instead.
		return this.sink.asFlux().takeUntilOther(this.overflow.asMono()).concatWith(Mono.defer(() -> {
			RuntimeException error = this.cutShort;
			return (error != null) ? Mono.error(error) : Mono.empty();
		})).doOnNext((delivery) -> {
			if (!delivery.isGap()) {
				this.deliveredId = delivery.id();
				this.queuedBytes.addAndGet(-delivery.message().data().length);
			}
			this.queued.decrementAndGet();
			taken.run();
		});
	}

	int queued() {
		return this.queued.get();
	}

	long queuedBytes() {
		return this.queuedBytes.get();
	}

	void blocked(int bytes) {
		this.blocked = bytes;
	}

	/**
	 * Says whether a read must wait for the subscriber: until it has taken half of the
	 * buffer, in deliveries and in bytes, and made room for the entry the last read left
	 * (or taken everything).
	 */
	boolean lacksRoom() {
		int deliveries = this.queued.get();
		long bytes = this.queuedBytes.get();
		return deliveries > this.bufferSize / 2 || bytes > this.bufferBytes / 2
				|| (deliveries > 0 && bytes + this.blocked > this.bufferBytes);
	}

	/**
	 * Queues a message delivery, counted in deliveries and in bytes.
	 */
	void add(Delivery delivery) {
		this.outbox.add(delivery);
		this.queuedBytes.addAndGet(delivery.message().data().length);
		this.queued.incrementAndGet();
	}

	/**
	 * Queues a gap notice, counted as a delivery only.
	 */
	void addGap(Delivery gap) {
		this.outbox.add(gap);
		this.queued.incrementAndGet();
	}

	/**
	 * Ends the stream as an overflow of the buffer does, once the deliveries before are
	 * handed on: more live messages arrived than the buffer holds.
	 */
	void fellBehind() {
		this.outbox.add(FELL_BEHIND);
	}

	/**
	 * As {@link #fellBehind()}, for the data of the live messages.
	 */
	void fellBehindInBytes() {
		this.outbox.add(FELL_BEHIND_IN_BYTES);
	}

	/**
	 * Decides how the stream ends, after the deliveries queued.
	 * @param error the error, or {@code null} to complete
	 */
	void terminate(@Nullable Throwable error) {
		this.termination = (error != null) ? error : COMPLETE;
	}

	/**
	 * Hands the queued deliveries, then the termination, to the sink, outside the lock.
	 * Runs on one thread at a time: a thread that finds another draining leaves its work
	 * to that one.
	 */
	void drain() {
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
		this.stream.refused();
		if (result == Sinks.EmitResult.FAIL_CANCELLED || result == Sinks.EmitResult.FAIL_TERMINATED) {
			// the subscriber has gone or the stream has ended: no one is left to deliver
			// to
			return;
		}
		// Any other refusal loses a delivery, so the stream must not go on as if nothing
		// happened: end it with an error, after which the client resumes after what it
		// received.
		String sessionId = this.stream.sessionId();
		if (result != Sinks.EmitResult.FAIL_OVERFLOW) {
			this.cutShort = new IllegalStateException(
					"Delivery to the stream of session '" + sessionId + "' failed (" + result + ")");
		}
		else if (inBytes) {
			this.cutShort = SlowConsumerException.ofBytes(sessionId, this.stream.lastDeliveredId(this.deliveredId),
					this.bufferBytes);
		}
		else {
			this.cutShort = new SlowConsumerException(sessionId, this.stream.lastDeliveredId(this.deliveredId),
					this.bufferSize);
		}
		this.overflow.tryEmitValue(Boolean.TRUE);
	}

}
