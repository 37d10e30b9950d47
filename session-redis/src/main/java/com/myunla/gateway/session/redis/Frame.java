package com.myunla.gateway.session.redis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import com.myunla.gateway.session.Message;
import org.jspecify.annotations.Nullable;

/**
 * A pub/sub frame on an instance's channel. Frames are written by the Lua scripts (and
 * the probe) as newline-separated header fields followed, for messages, by the raw data
 * bytes: <pre>
 * m\n&lt;session id&gt;\n&lt;stream token&gt;\n&lt;previous entry id&gt;\n&lt;entry id&gt;\n&lt;event&gt;\n&lt;data&gt;
 *                                                              a message for the live stream holding the token
 * h\n&lt;headers&gt;\n&lt;session id&gt;\n...
 *                                                              the same, for a message with headers
 * c\n&lt;session id&gt;\n&lt;new stream token&gt;\n&lt;replaced stream token&gt;
 *                                                              complete the replaced stream: taken over
 * u\n&lt;session id&gt;                                                            complete the stream: unregistered
 * p\n&lt;nonce&gt;                                                                 liveness probe
 * </pre> Session ids, event names and message headers never hold a newline or a tab (the
 * API rejects control characters), so the header splits safely. A message's headers
 * travel {@linkplain #encodeHeaders(Message) encoded} as one field: names and values
 * alternating, separated by tabs. A message without headers goes as an {@code m} frame,
 * and its log entry has no headers field: it costs nothing extra.
 */
record Frame(char kind, String sessionId, String token, String replacedToken, EntryId previous, EntryId id,
		@Nullable Message message) {

	static final char MESSAGE = 'm';

	/** Kind of a message frame with headers; parsed as a {@link #MESSAGE}. */
	static final char MESSAGE_WITH_HEADERS = 'h';

	private static final byte[] NO_HEADERS = new byte[0];

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
			case MESSAGE_WITH_HEADERS -> {
				int end = indexOf(body, start);
				return message(body, end + 1, new String(body, start, end - start, StandardCharsets.UTF_8));
			}
			case MESSAGE -> {
				return message(body, start, "");
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

	private static Frame message(byte[] body, int start, String headers) {
		String[] header = new String[5];
		for (int i = 0; i < header.length; i++) {
			int end = indexOf(body, start);
			header[i] = new String(body, start, end - start, StandardCharsets.UTF_8);
			start = end + 1;
		}
		byte[] data = Arrays.copyOfRange(body, start, body.length);
		return new Frame(MESSAGE, header[0], header[1], "", EntryId.parseOrUnknown(header[2]), EntryId.parse(header[3]),
				withHeaders(new Message(header[4], data), headers));
	}

	/**
	 * Encodes a message's headers as the send script stores and publishes them: names and
	 * values alternating, separated by tabs; empty for none.
	 */
	static byte[] encodeHeaders(Message message) {
		Map<String, String> headers = message.headers();
		if (headers.isEmpty()) {
			return NO_HEADERS;
		}
		StringBuilder encoded = new StringBuilder();
		headers.forEach((name, value) -> {
			if (!encoded.isEmpty()) {
				encoded.append('\t');
			}
			encoded.append(name).append('\t').append(value);
		});
		return encoded.toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Returns the message with the headers {@link #encodeHeaders(Message) encoded} in the
	 * given text. Headers that are not well-formed (damaged data) are dropped: they only
	 * carry tracing context, so the message is delivered without them.
	 */
	static Message withHeaders(Message message, String encoded) {
		if (encoded.isEmpty()) {
			return message;
		}
		String[] fields = encoded.split("\t", -1);
		if (fields.length % 2 != 0) {
			return message;
		}
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 0; i < fields.length; i += 2) {
			headers.put(fields[i], fields[i + 1]);
		}
		try {
			return message.withHeaders(headers);
		}
		catch (IllegalArgumentException ex) {
			return message;
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
