package com.myunla.gateway.session.benchmarks;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.RequestInfo;

/**
 * The data the scenarios send and store: a realistic session {@link Meta} (10 headers, 3
 * cookies, 3 query parameters, as a browser opening an SSE stream through a gateway sends
 * them) and timestamped payloads.
 */
final class Fixtures {

	/** Size of a message payload in the delivery scenarios. */
	static final int PAYLOAD_SIZE = 256;

	static final String PREFIX = "/api/v1";

	static final String TYPE = "sse";

	private static final String TOKEN = "Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9."
			+ "eyJzdWIiOiJ1c2VyLTQyIiwiaXNzIjoiaHR0cHM6Ly9hdXRoLmV4YW1wbGUuY29tIiwiZXhwIjoxNzY0MDAwMDAwfQ."
			+ "c2lnbmF0dXJlLXBsYWNlaG9sZGVyLXNpZ25hdHVyZQ";

	private Fixtures() {
	}

	/**
	 * Returns the request of a session: fixed values, except the request id header and
	 * the session cookie, which differ per session as they would in life. They are
	 * strings of their own, not the session id, so that the request's heap size can be
	 * measured apart from the session's.
	 * @param id the session id
	 * @return the request information
	 */
	static RequestInfo request(String id) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Host", "gateway.example.com");
		headers.put("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
				+ "Chrome/131.0.0.0 Safari/537.36");
		headers.put("Accept", "text/event-stream");
		headers.put("Accept-Encoding", "gzip, deflate, br");
		headers.put("Accept-Language", "en-US,en;q=0.9");
		headers.put("Authorization", TOKEN);
		headers.put("Cache-Control", "no-cache");
		headers.put("X-Forwarded-For", "203.0.113.17");
		headers.put("X-Forwarded-Proto", "https");
		headers.put("X-Request-Id", "req-" + id);
		Map<String, String> cookies = new LinkedHashMap<>();
		cookies.put("SESSION", "s-" + id);
		cookies.put("theme", "dark");
		cookies.put("locale", "en-US");
		Map<String, String> queries = new LinkedHashMap<>();
		queries.put("client", "web");
		queries.put("version", "2");
		queries.put("channel", "notifications");
		return new RequestInfo(headers, queries, cookies);
	}

	/**
	 * Returns the metadata of a new session.
	 * @param id the session id
	 * @return the metadata
	 */
	static Meta meta(String id) {
		return Meta.of(id, PREFIX, TYPE, request(id));
	}

	/**
	 * Returns a new random session id.
	 * @return the id
	 */
	static String newId() {
		return UUID.randomUUID().toString();
	}

	/**
	 * Returns a payload of {@value #PAYLOAD_SIZE} bytes starting with the current
	 * {@link System#nanoTime()}.
	 * @return the payload
	 */
	static byte[] timestampedPayload() {
		return payloadStampedAt(System.nanoTime());
	}

	/**
	 * Returns a payload of {@value #PAYLOAD_SIZE} bytes starting with the given
	 * {@link System#nanoTime()}, such as the time a send was due.
	 * @param nanos the time stamp
	 * @return the payload
	 */
	static byte[] payloadStampedAt(long nanos) {
		byte[] payload = new byte[PAYLOAD_SIZE];
		ByteBuffer.wrap(payload).putLong(nanos);
		return payload;
	}

	/**
	 * Returns a message whose data is a {@linkplain #timestampedPayload() timestamped
	 * payload}.
	 * @return the message
	 */
	static Message timestampedMessage() {
		return new Message(Message.DEFAULT_EVENT, timestampedPayload());
	}

	/**
	 * Returns the nanoseconds elapsed since the timestamp at the start of the payload was
	 * taken.
	 * @param payload a timestamped payload
	 * @return the elapsed nanoseconds
	 */
	static long elapsedNanos(byte[] payload) {
		return System.nanoTime() - ByteBuffer.wrap(payload).getLong();
	}

}
