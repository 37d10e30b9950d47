package com.myunla.gateway.session.memory;

import com.myunla.gateway.session.Delivery;
import org.jspecify.annotations.Nullable;

/**
 * The rings in which the sessions of a {@link MemoryStore} retain their messages, message
 * {@code n} at index {@code n % ring.length}: sized on demand, from none before the first
 * message to the retention, and beyond it, up to retention plus buffer size, only while
 * the live stream still has to deliver older messages. A ring is a plain array that its
 * session guards with its lock; this class holds the sizing rules, shared by the sessions
 * of one store. A session empties the slots of the messages it needs no more
 * ({@link #release}), so that the ring's length bounds the messages it holds and the
 * session's byte limits bound their data.
 */
final class DeliveryRings {

	private static final int INITIAL_RING_SIZE = 16;

	private final int retention;

	private final int bufferSize;

	DeliveryRings(int retention, int bufferSize) {
		this.retention = retention;
		this.bufferSize = bufferSize;
	}

	/**
	 * Puts message {@code id} into a session's ring, growing the ring if the slot holds a
	 * message that must stay.
	 * @param ring the session's ring, {@code null} before its first message
	 * @param oldestNeeded the oldest message that must stay in the ring: the oldest one
	 * retained, or an older one the live stream has yet to deliver
	 * @return the ring holding the message: the given one or a larger copy
	 */
	Delivery[] retain(Delivery @Nullable [] ring, long id, Delivery delivery, long oldestNeeded) {
		if (ring == null) {
			ring = new Delivery[Math.min(INITIAL_RING_SIZE, this.retention)];
		}
		else {
			long replaced = id - ring.length;
			if (replaced >= 1 && replaced >= oldestNeeded) {
				ring = grow(ring, id, oldestNeeded);
			}
		}
		ring[(int) (id % ring.length)] = delivery;
		return ring;
	}

	/**
	 * Empties the slots of messages {@code from} (inclusive) to {@code to} (exclusive),
	 * which the session needs no more, so that their data can be collected.
	 * @param ring the session's ring, holding these messages; {@code null} for none
	 */
	static void release(Delivery @Nullable [] ring, long from, long to) {
		if (ring != null) {
			for (long id = from; id < to; id++) {
				ring[(int) (id % ring.length)] = null;
			}
		}
	}

	/**
	 * Returns message {@code id} of a ring that holds it.
	 */
	static Delivery get(Delivery[] ring, long id) {
		return ring[(int) (id % ring.length)];
	}

	/**
	 * Grows the ring to hold messages {@code oldestNeeded} to {@code id}. The live stream
	 * is cut off when it falls buffer size behind the messages sent since it opened, and
	 * opened at most retention behind, so the ring never needs more than retention plus
	 * buffer size slots.
	 */
	private Delivery[] grow(Delivery[] ring, long id, long oldestNeeded) {
		long needed = id - oldestNeeded + 1;
		long limit = (needed <= this.retention) ? this.retention : (long) this.retention + this.bufferSize;
		int length = (int) Math.min(Math.max(2L * ring.length, needed), limit);
		Delivery[] grown = new Delivery[length];
		for (long kept = id - ring.length; kept < id; kept++) {
			grown[(int) (kept % length)] = ring[(int) (kept % ring.length)];
		}
		return grown;
	}

}
