package com.myunla.gateway.session.memory;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

import com.myunla.gateway.session.Delivery;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;

/**
 * One subscription to a session's stream: a cursor into the session's retained messages
 * that hands them to its subscriber as demand allows.
 *
 * <p>
 * Signals are serialized by the usual work-in-progress counter: whichever thread calls
 * {@link #drain()} first (a sender, the subscriber requesting, or a thread ending the
 * session) emits on behalf of all, and the others only make it loop once more. Each item
 * is claimed under the session's lock, then emitted outside it.
 */
final class MemoryStream implements Subscription {

	private static final AtomicIntegerFieldUpdater<MemoryStream> WIP = AtomicIntegerFieldUpdater
		.newUpdater(MemoryStream.class, "wip");

	private static final AtomicLongFieldUpdater<MemoryStream> REQUESTED = AtomicLongFieldUpdater
		.newUpdater(MemoryStream.class, "requested");

	private final MemoryConnection connection;

	private final CoreSubscriber<? super Delivery> actual;

	// Guarded by the session's lock:

	/** Whether the session has taken the stream in, as its live stream or failed. */
	boolean opened;

	/**
	 * Id of the last message handed out, or before the first retained one while a gap
	 * notice is pending.
	 */
	long claimed;

	/** Id the pending gap notice continues after, or {@code -1} if none is pending. */
	long gapAfter = -1;

	/** Id of the last message sent before the stream opened. */
	long openedAt;

	/**
	 * Data bytes of the messages sent after the stream opened that it has not claimed
	 * yet.
	 */
	long heldBytes;

	/** Error to end with once detached, {@code null} to complete. */
	@Nullable Throwable error;

	/**
	 * Whether the last poll may have left more to do; only read by the draining thread.
	 */
	boolean more;

	/** Set on cancel and on termination: no more signals. */
	volatile boolean cancelled;

	volatile long requested;

	private volatile int wip;

	MemoryStream(MemoryConnection connection, CoreSubscriber<? super Delivery> actual) {
		this.connection = connection;
		this.actual = actual;
	}

	@Override
	public void request(long n) {
		if (Operators.validate(n)) {
			Operators.addCap(REQUESTED, this, n);
			drain();
		}
	}

	@Override
	public void cancel() {
		if (!this.cancelled) {
			this.cancelled = true;
			this.connection.cancel(this);
		}
	}

	/**
	 * Returns the id a client resumes from: the last one it was handed, including a
	 * pending gap notice's.
	 */
	long resumeId() {
		return (this.gapAfter >= 0) ? this.gapAfter : this.claimed;
	}

	void drain() {
		if (WIP.getAndIncrement(this) != 0) {
			return;
		}
		int missed = 1;
		for (;;) {
			long demand = this.requested;
			long emitted = 0;
			for (;;) {
				if (this.cancelled) {
					return;
				}
				Object next = this.connection.poll(this, emitted != demand);
				if (next == null) {
					break;
				}
				if (next == MemoryConnection.END) {
					terminate();
					return;
				}
				this.actual.onNext((Delivery) next);
				emitted++;
				if (!this.more) {
					// caught up: a later message, request or end calls drain() again
					break;
				}
			}
			if (emitted != 0) {
				Operators.produced(REQUESTED, this, emitted);
			}
			missed = WIP.addAndGet(this, -missed);
			if (missed == 0) {
				return;
			}
		}
	}

	private void terminate() {
		this.cancelled = true;
		Throwable error = this.error;
		if (error != null) {
			this.actual.onError(error);
		}
		else {
			this.actual.onComplete();
		}
	}

}
