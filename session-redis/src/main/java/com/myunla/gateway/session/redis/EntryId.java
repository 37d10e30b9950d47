package com.myunla.gateway.session.redis;

import com.myunla.gateway.session.spi.UntrustedText;

/**
 * A Redis stream entry id ({@code <milliseconds>-<sequence>}), the id of a message in a
 * session's log.
 */
record EntryId(long millis, long sequence) implements Comparable<EntryId> {

	static final EntryId ZERO = new EntryId(0, 0);

	/**
	 * Stands for an id that could not be read (corrupted data): before every real id and
	 * equal to none, so a frame naming it as its predecessor makes the stream read the
	 * log, and a log entry naming it reports no gap.
	 */
	static final EntryId UNKNOWN = new EntryId(-1, -1);

	/**
	 * Parses a client's last event id: an entry id, or {@code "0"} for "before every
	 * message", so that the stream replays from the start of retention.
	 * @throws IllegalArgumentException if the text is neither
	 */
	static EntryId parseLastEventId(String text) {
		return "0".equals(text) ? ZERO : parse(text);
	}

	/**
	 * Parses an entry id, or returns {@link #UNKNOWN} if the text is not one.
	 */
	static EntryId parseOrUnknown(String text) {
		try {
			return parse(text);
		}
		catch (IllegalArgumentException ex) {
			return UNKNOWN;
		}
	}

	/**
	 * Parses an entry id.
	 * @throws IllegalArgumentException if the text is not an entry id
	 */
	static EntryId parse(String text) {
		int dash = text.indexOf('-');
		// Long.parseLong also takes a sign and the digits of other scripts, which Redis
		// ids have not
		if (dash > 0 && dash < text.length() - 1 && isAsciiDigits(text, 0, dash)
				&& isAsciiDigits(text, dash + 1, text.length())) {
			try {
				return new EntryId(Long.parseLong(text, 0, dash, 10),
						Long.parseLong(text, dash + 1, text.length(), 10));
			}
			catch (NumberFormatException ex) {
				// too large, reported below
			}
		}
		throw new IllegalArgumentException("Last event id must be a message id of this store (like "
				+ "1764000000000-0) or 0, was '" + UntrustedText.printable(text) + "'");
	}

	private static boolean isAsciiDigits(String text, int start, int end) {
		for (int i = start; i < end; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	@Override
	public int compareTo(EntryId other) {
		int byMillis = Long.compare(this.millis, other.millis);
		return (byMillis != 0) ? byMillis : Long.compare(this.sequence, other.sequence);
	}

	boolean isAfter(EntryId other) {
		return compareTo(other) > 0;
	}

	@Override
	public String toString() {
		return this.millis + "-" + this.sequence;
	}

}
