package com.myunla.gateway.session;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A message sent to a session: an event name and the data bytes.
 *
 * <p>
 * The event name becomes the SSE {@code event:} field, so it must be non-empty, at most
 * {@value #MAX_EVENT_LENGTH} characters long and free of control characters (a CR or LF
 * would break SSE framing). The data is opaque and may be empty; stores carry it byte for
 * byte.
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

	private final String event;

	private final byte[] data;

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

	static String checkEvent(String event) {
		if (event == null || event.isEmpty()) {
			throw new IllegalArgumentException("Message event name must not be empty");
		}
		if (event.length() > MAX_EVENT_LENGTH) {
			throw new IllegalArgumentException("Message event name is " + event.length() + " characters long; at most "
					+ MAX_EVENT_LENGTH + " are allowed");
		}
		for (int i = 0; i < event.length(); i++) {
			if (Character.isISOControl(event.charAt(i))) {
				throw new IllegalArgumentException("Message event name must not contain control characters "
						+ "(CR or LF would break SSE framing), found U+"
						+ String.format("%04X", (int) event.charAt(i)));
			}
		}
		return event;
	}

	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof Message that && this.event.equals(that.event)
				&& Arrays.equals(this.data, that.data));
	}

	@Override
	public int hashCode() {
		return 31 * this.event.hashCode() + Arrays.hashCode(this.data);
	}

	@Override
	public String toString() {
		return "Message[event=" + this.event + ", " + this.data.length + " bytes]";
	}

}
