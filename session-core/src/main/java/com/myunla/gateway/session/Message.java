package com.myunla.gateway.session;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A message sent to a session: an event name, the data bytes and optional headers.
 *
 * <p>
 * The event name becomes the SSE {@code event:} field, so it must be non-empty, at most
 * {@value #MAX_EVENT_LENGTH} characters long and free of control characters (a CR or LF
 * would break SSE framing). The data is opaque and may be empty; stores carry it byte for
 * byte.
 *
 * <p>
 * Headers are a few short strings that travel with the message to its delivery, through
 * every store and across instances, and come back when the message is replayed. Tracing
 * puts its propagation fields there, so that a send and its delivery on another instance
 * belong to one trace. They are not part of the SSE event. A message has none unless
 * {@link #withHeaders(Map)} adds them, and a message without headers costs a store
 * nothing extra. At most {@value #MAX_HEADERS} headers are allowed; a name must be
 * non-empty and at most {@value #MAX_HEADER_NAME_LENGTH} characters long, a value at most
 * {@value #MAX_HEADER_VALUE_LENGTH}, and neither may hold a control character. They are
 * small by these bounds and are not counted against a store's limits on message data.
 *
 * <p>
 * For speed the data array is not copied: the caller hands it over and must not modify it
 * afterwards. Instances are immutable otherwise and safe to share between threads.
 */
public final class Message {

	/** Event name used by {@link #of(String)}: the SSE default event type. */
	public static final String DEFAULT_EVENT = "message";

	/** Longest event name accepted, in characters. */
	public static final int MAX_EVENT_LENGTH = 256;

	/** Most headers a message may carry. */
	public static final int MAX_HEADERS = 16;

	/** Longest header name accepted, in characters. */
	public static final int MAX_HEADER_NAME_LENGTH = 64;

	/** Longest header value accepted, in characters. */
	public static final int MAX_HEADER_VALUE_LENGTH = 1024;

	private final String event;

	private final byte[] data;

	private final Map<String, String> headers;

	/**
	 * Creates a message.
	 * @param event the event name
	 * @param data the data; handed over, not copied
	 * @throws IllegalArgumentException if the event name is empty, too long or holds a
	 * control character, or the data is {@code null}
	 */
	public Message(String event, byte[] data) {
		this.event = checkEvent(event);
		if (data == null) {
			throw new IllegalArgumentException("Message data must not be null (use an empty array for no data)");
		}
		this.data = data;
		this.headers = Map.of();
	}

	private Message(String event, byte[] data, Map<String, String> headers) {
		this.event = event;
		this.data = data;
		this.headers = headers;
	}

	/**
	 * Creates a message whose data is the UTF-8 encoding of the given text.
	 * @param event the event name
	 * @param text the data as text
	 * @return the message
	 * @throws IllegalArgumentException as {@link #Message(String, byte[])}, or if the
	 * text is {@code null}
	 */
	public static Message of(String event, String text) {
		if (text == null) {
			throw new IllegalArgumentException("Message data must not be null");
		}
		return new Message(event, text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Creates a message with the {@link #DEFAULT_EVENT default event name}.
	 * @param text the data as text
	 * @return the message
	 */
	public static Message of(String text) {
		return of(DEFAULT_EVENT, text);
	}

	/**
	 * Returns the event name.
	 * @return the event name, never empty
	 */
	public String event() {
		return this.event;
	}

	/**
	 * Returns the data. The array is shared, not copied: do not modify it.
	 * @return the data bytes
	 */
	public byte[] data() {
		return this.data;
	}

	/**
	 * Returns the data decoded as UTF-8.
	 * @return the data as text
	 */
	public String dataAsString() {
		return new String(this.data, StandardCharsets.UTF_8);
	}

	/**
	 * Returns the headers.
	 * @return the headers, unmodifiable; empty if the message has none
	 */
	public Map<String, String> headers() {
		return this.headers;
	}

	/**
	 * Returns the value of a header.
	 * @param name the header name (names are case-sensitive)
	 * @return the value, or {@code null} if the message has no such header
	 */
	public @Nullable String header(String name) {
		return this.headers.isEmpty() ? null : this.headers.get(name);
	}

	/**
	 * Returns a message with the same event name and data (shared, not copied) and the
	 * given headers in place of this message's.
	 * @param headers the headers, none for a message without headers
	 * @return the message
	 * @throws IllegalArgumentException if there are more than {@value #MAX_HEADERS}
	 * headers, or a name is empty or longer than {@value #MAX_HEADER_NAME_LENGTH}
	 * characters, or a value is {@code null} or longer than
	 * {@value #MAX_HEADER_VALUE_LENGTH} characters, or either holds a control character
	 */
	public Message withHeaders(Map<String, String> headers) {
		if (headers == null) {
			throw new IllegalArgumentException("Message headers must not be null (use an empty map for none)");
		}
		if (headers.size() > MAX_HEADERS) {
			throw new IllegalArgumentException(
					"Message has " + headers.size() + " headers; at most " + MAX_HEADERS + " are allowed");
		}
		headers.forEach((name, value) -> {
			checkHeader("name", name, MAX_HEADER_NAME_LENGTH, false);
			checkHeader("value", value, MAX_HEADER_VALUE_LENGTH, true);
		});
		return new Message(this.event, this.data, Map.copyOf(headers));
	}

	private static void checkHeader(String what, @Nullable String text, int maxLength, boolean mayBeEmpty) {
		if (text == null || (text.isEmpty() && !mayBeEmpty)) {
			throw new IllegalArgumentException(
					"Message header " + what + " must not be " + ((text != null) ? "empty" : "null"));
		}
		if (text.length() > maxLength) {
			throw new IllegalArgumentException("Message header " + what + " is " + text.length()
					+ " characters long; at most " + maxLength + " are allowed");
		}
		checkNoControl("header " + what, text, "");
	}

	static String checkEvent(String event) {
		if (event == null || event.isEmpty()) {
			throw new IllegalArgumentException("Message event name must not be empty");
		}
		if (event.length() > MAX_EVENT_LENGTH) {
			throw new IllegalArgumentException("Message event name is " + event.length() + " characters long; at most "
					+ MAX_EVENT_LENGTH + " are allowed");
		}
		checkNoControl("event name", event, " (CR or LF would break SSE framing)");
		return event;
	}

	private static void checkNoControl(String what, String text, String why) {
		for (int i = 0; i < text.length(); i++) {
			if (Character.isISOControl(text.charAt(i))) {
				throw new IllegalArgumentException("Message " + what + " must not contain control characters" + why
						+ ", found U+" + String.format("%04X", (int) text.charAt(i)));
			}
		}
	}

	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof Message that && this.event.equals(that.event)
				&& Arrays.equals(this.data, that.data) && this.headers.equals(that.headers));
	}

	@Override
	public int hashCode() {
		return 31 * (31 * this.event.hashCode() + Arrays.hashCode(this.data)) + this.headers.hashCode();
	}

	@Override
	public String toString() {
		return "Message[event=" + this.event + ", " + this.data.length + " bytes"
				+ (this.headers.isEmpty() ? "" : ", headers=" + this.headers.keySet()) + "]";
	}

}
