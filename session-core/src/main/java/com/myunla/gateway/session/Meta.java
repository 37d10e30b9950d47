package com.myunla.gateway.session;

import java.time.Instant;
import java.util.Arrays;

/**
 * Metadata of a session, given when it is registered and unchanged afterwards.
 *
 * <p>
 * The id identifies the session across the whole fleet: it must be non-blank, at most 256
 * characters long and free of whitespace and control characters. Use an unguessable id
 * (for example a random UUID) when the id travels to clients, since whoever knows it can
 * send to the session.
 *
 * @param id the session id
 * @param createdAt when the session was created
 * @param prefix the gateway's route prefix the session belongs to (for example
 * {@code /api/v1}); may be empty
 * @param type the kind of stream (for example {@code sse}, {@code streamable-http},
 * {@code websocket}); may be empty
 * @param request the request that opened the session
 * @param extra opaque application data kept with the session; may be empty, never
 * {@code null}. The array is handed over, not copied.
 */
public record Meta(String id, Instant createdAt, String prefix, String type, RequestInfo request, byte[] extra) {

	/** Longest session id accepted, in characters. */
	public static final int MAX_ID_LENGTH = Ids.MAX_LENGTH;

	private static final byte[] NO_EXTRA = new byte[0];

	/**
	 * Creates session metadata.
	 * @throws IllegalArgumentException if the id is invalid or any component is
	 * {@code null}
	 */
	public Meta {
		Ids.check(id);
		if (createdAt == null || prefix == null || type == null || request == null || extra == null) {
			throw new IllegalArgumentException(
					"Meta of session '" + id + "': createdAt, prefix, type, request and extra must not be null");
		}
	}

	/**
	 * Creates session metadata created now, with no extra data.
	 * @param id the session id
	 * @param prefix the route prefix
	 * @param type the kind of stream
	 * @param request the request that opened the session
	 * @return the metadata
	 */
	public static Meta of(String id, String prefix, String type, RequestInfo request) {
		return new Meta(id, Instant.now(), prefix, type, request, NO_EXTRA);
	}

	/**
	 * Checks a session id passed to a store operation.
	 * @param id the id
	 * @return the id
	 * @throws IllegalArgumentException if the id is blank, too long or holds whitespace
	 * or control characters
	 */
	public static String checkId(String id) {
		return Ids.check(id);
	}

	@Override
	public boolean equals(Object other) {
		return this == other
				|| (other instanceof Meta that && this.id.equals(that.id) && this.createdAt.equals(that.createdAt)
						&& this.prefix.equals(that.prefix) && this.type.equals(that.type)
						&& this.request.equals(that.request) && Arrays.equals(this.extra, that.extra));
	}

	@Override
	public int hashCode() {
		return this.id.hashCode();
	}

	@Override
	public String toString() {
		return "Meta[id=" + this.id + ", createdAt=" + this.createdAt + ", prefix=" + this.prefix + ", type="
				+ this.type + ", request=" + this.request + ", extra=" + this.extra.length + " bytes]";
	}

}
