package com.myunla.gateway.session;

import com.myunla.gateway.session.spi.UntrustedText;

/**
 * Validation of session ids.
 */
final class Ids {

	static final int MAX_LENGTH = 256;

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
				throw new IllegalArgumentException("Session id '" + UntrustedText.printable(id)
						+ "' must not contain whitespace or control characters");
			}
		}
		return id;
	}

}
