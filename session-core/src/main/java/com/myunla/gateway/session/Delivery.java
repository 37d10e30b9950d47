package com.myunla.gateway.session;

import java.nio.charset.StandardCharsets;

/**
 * An item of a session's stream: a delivered {@link Message} with the id the store gave
 * it, or a gap notice.
 *
 * <p>
 * Message ids increase within a session in the order the messages were acknowledged.
 * Their form depends on the store: the in-memory store counts {@code "1"}, {@code "2"},
 * ...; the Redis store uses the entry ids of the session's log, such as
 * {@code "1764000000000-0"}. Treat them as opaque: they are meant for the SSE {@code id:}
 * field, and a client resuming with {@code Last-Event-ID} passes one back to
 * {@link Connection#events(String)}.
 *
 * <p>
 * A gap notice ({@link #isGap()}) is the first item of a resumed stream when some
 * messages after the client's last id are no longer retained: the stream is never
 * silently partial. Its {@link #id()} is the client's own last id (so a reconnect resumes
 * from the same place), and its {@link #message()} has the event name {@value #GAP_EVENT}
 * and a small JSON object as data, for example
 * {@code {"lastEventId":"5","firstAvailableId":"12"}}: messages 6 to 11 were lost to this
 * client.
 *
 * <p>
 * Instances are immutable.
 */
public final class Delivery {

	/** Event name of a gap notice's message. */
	public static final String GAP_EVENT = "session.gap";

	private final String id;

	private final Message message;

	private final boolean gap;

	private Delivery(String id, Message message, boolean gap) {
		this.id = id;
		this.message = message;
		this.gap = gap;
	}

	/**
	 * Creates the delivery of a message.
	 * @param id the message's id in its session
	 * @param message the message
	 * @return the delivery
	 */
	public static Delivery of(String id, Message message) {
		if (id == null || id.isEmpty() || message == null) {
			throw new IllegalArgumentException("Delivery id and message must not be null or empty");
		}
		return new Delivery(id, message, false);
	}

	/**
	 * Creates a gap notice: the messages after {@code lastEventId} and before
	 * {@code firstAvailableId} are no longer retained.
	 * @param lastEventId the last id the client had
	 * @param firstAvailableId the id of the first message the stream continues with
	 * @return the gap notice
	 */
	public static Delivery gap(String lastEventId, String firstAvailableId) {
		String json = "{\"lastEventId\":\"" + lastEventId + "\",\"firstAvailableId\":\"" + firstAvailableId + "\"}";
		return new Delivery(lastEventId, new Message(GAP_EVENT, json.getBytes(StandardCharsets.UTF_8)), true);
	}

	/**
	 * Returns the id: the message's id, or for a gap notice the client's last id.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Returns the delivered message, or for a gap notice a message describing the gap.
	 * @return the message
	 */
	public Message message() {
		return this.message;
	}

	/**
	 * Returns whether this is a gap notice rather than a delivered message.
	 * @return {@code true} for a gap notice
	 */
	public boolean isGap() {
		return this.gap;
	}

	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof Delivery that && this.id.equals(that.id) && this.gap == that.gap
				&& this.message.equals(that.message));
	}

	@Override
	public int hashCode() {
		return this.id.hashCode() * 31 + this.message.hashCode() + (this.gap ? 1 : 0);
	}

	@Override
	public String toString() {
		return (this.gap ? "Gap[after=" : "Delivery[id=") + this.id + ", " + this.message + "]";
	}

}
