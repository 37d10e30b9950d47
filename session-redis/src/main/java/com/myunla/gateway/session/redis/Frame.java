package com.myunla.gateway.session.redis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.myunla.gateway.session.Message;
import org.jspecify.annotations.Nullable;

/**
 * A pub/sub frame on an instance's channel. Frames are written by the Lua scripts (and
 * the probe) as newline-separated header fields followed, for messages, by the raw data
 * bytes: <pre>
 * m\n&lt;session id&gt;\n&lt;stream token&gt;\n&lt;previous entry id&gt;\n&lt;entry id&gt;\n&lt;event&gt;\n&lt;data&gt;
 *                                                              a message for the live stream holding the token
 * c\n&lt;session id&gt;\n&lt;new stream token&gt;\n&lt;replaced stream token&gt;
 *                                                              complete the replaced stream: taken over
 * u\n&lt;session id&gt;                                                            complete the stream: unregistered
 * p\n&lt;nonce&gt;                                                                 liveness probe
 * </pre> Session ids and event names never hold a newline (the API rejects them), so the
 * header splits safely.
 */
record Frame(char kind, String sessionId, String token, String replacedToken, EntryId previous, EntryId id,
		@Nullable Message message) {

	static final char MESSAGE = 'm';

	static final char TAKEN_OVER = 'c';

	static final char UNREGISTERED = 'u';

	static final char PROBE = 'p';

	/**
	 * Parses a frame.
	 * @throws IllegalArgumentException if the bytes are not a well-formed frame
	 */
	static Frame parse(byte[] body) {
		if (body.length < 3 || body[1] != '\n') {
			throw new IllegalArgumentException("not a session frame");
		}
		char kind = (char) body[0];
		int start = 2;
		switch (kind) {
			case MESSAGE -> {
				String[] header = new String[5];
				for (int i = 0; i < header.length; i++) {
					int end = indexOf(body, start);
					header[i] = new String(body, start, end - start, StandardCharsets.UTF_8);
					start = end + 1;
				}
				byte[] data = Arrays.copyOfRange(body, start, body.length);
				return new Frame(kind, header[0], header[1], "", EntryId.parseOrUnknown(header[2]),
						EntryId.parse(header[3]), new Message(header[4], data));
			}
			case TAKEN_OVER -> {
				int end = indexOf(body, start);
				int tokenEnd = indexOf(body, end + 1);
				return new Frame(kind, text(body, start, end), text(body, end + 1, tokenEnd),
						text(body, tokenEnd + 1, body.length), EntryId.ZERO, EntryId.ZERO, null);
			}
			case UNREGISTERED, PROBE -> {
				return new Frame(kind, text(body, start, body.length), "", "", EntryId.ZERO, EntryId.ZERO, null);
			}
			default -> throw new IllegalArgumentException("unknown frame kind");
		}
	}

	static byte[] probe(String nonce) {
		return (PROBE + "\n" + nonce).getBytes(StandardCharsets.UTF_8);
	}

	private static int indexOf(byte[] body, int from) {
		for (int i = from; i < body.length; i++) {
			if (body[i] == '\n') {
				return i;
			}
		}
		throw new IllegalArgumentException("truncated session frame");
	}

	private static String text(byte[] body, int from, int to) {
		if (to <= from) {
			throw new IllegalArgumentException("empty field in session frame");
		}
		return new String(body, from, to - from, StandardCharsets.UTF_8);
	}

}
