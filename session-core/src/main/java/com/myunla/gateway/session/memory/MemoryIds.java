package com.myunla.gateway.session.memory;

import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.spi.UntrustedText;

/**
 * The in-memory store's message ids: a session's sequence numbers, from 1, in decimal.
 */
final class MemoryIds {

	private MemoryIds() {
	}

	/**
	 * Creates the delivery of a message.
	 * @param sequence the message's sequence number in its session, at least 1
	 */
	static Delivery delivery(long sequence, Message message) {
		if (sequence < 1) {
			throw new IllegalArgumentException("Sequence must be at least 1, was " + sequence);
		}
		return Delivery.of(Long.toString(sequence), message);
	}

	/**
	 * Creates a gap notice: the messages after {@code lastSequence} and before
	 * {@code firstAvailable} are no longer retained.
	 */
	static Delivery gap(long lastSequence, long firstAvailable) {
		return Delivery.gap(Long.toString(lastSequence), Long.toString(firstAvailable));
	}

	/**
	 * Parses a client's last event id.
	 * @throws IllegalArgumentException if the id is not a non-negative decimal number of
	 * ASCII digits (surrounding whitespace aside), without sign
	 */
	static long parse(String lastEventId) {
		String digits = lastEventId.trim();
		// Long.parseLong also takes a sign and the digits of other scripts, which no id
		// of the store has
		if (!digits.isEmpty() && digits.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			try {
				return Long.parseLong(digits);
			}
			catch (NumberFormatException ex) {
				// too large, reported below
			}
		}
		throw new IllegalArgumentException("Last event id must be a non-negative decimal number, was '"
				+ UntrustedText.printable(lastEventId) + "'");
	}

}
