package com.myunla.gateway.session;

/**
 * Validation of session ids and safe quoting of untrusted strings in error messages.
 */
final class Ids {

	static final int MAX_LENGTH = 256;

	private static final int MAX_QUOTED = 64;

	private Ids() {
	}

	static String check(String id) {
		if (id == null || id.isBlank()) {
			throw new IllegalArgumentException("Session id must not be blank");
		}
		if (id.length() > MAX_LENGTH) {
			throw new IllegalArgumentException(
					"Session id is " + id.length() + " characters long; at most " + MAX_LENGTH + " are allowed");
		}
		for (int i = 0; i < id.length(); i++) {
			char c = id.charAt(i);
			if (Character.isISOControl(c) || Character.isWhitespace(c)) {
				throw new IllegalArgumentException(
						"Session id '" + printable(id) + "' must not contain whitespace or control characters");
			}
		}
		return id;
	}

	/**
	 * Quotes an untrusted string for an error message: control characters escaped, long
	 * strings cut.
	 */
	static String printable(String value) {
		StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_QUOTED) + 8);
		for (int i = 0; i < value.length() && i < MAX_QUOTED; i++) {
			char c = value.charAt(i);
			if (Character.isISOControl(c)) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		if (value.length() > MAX_QUOTED) {
			out.append("...");
		}
		return out.toString();
	}

}
