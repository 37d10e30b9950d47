package com.myunla.gateway.session.spi;

/**
 * Quoting of strings a client sent (session ids, last event ids) for error messages and
 * logs: control characters are escaped, so that a client cannot forge log lines, and long
 * strings are cut.
 *
 * @since 0.1.0
 */
public final class UntrustedText {

	private static final int MAX_QUOTED = 64;

	private UntrustedText() {
	}

	/**
	 * Returns a client's string as an error message may quote it: control characters
	 * escaped as Java escapes them (a backslash, {@code u} and four hex digits), and at
	 * most 64 characters followed by {@code ...}.
	 * @param value the string as the client sent it
	 * @return the printable form
	 */
	public static String printable(String value) {
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
