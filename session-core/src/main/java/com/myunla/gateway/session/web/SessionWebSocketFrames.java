package com.myunla.gateway.session.web;

import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;

/**
 * The text frames and close codes of a session's WebSocket, as
 * {@link WebFluxSessionWebSockets} and {@link WebMvcSessionWebSockets} send them.
 *
 * <p>
 * Each delivery is one text frame holding a JSON object. A message has its id, its event
 * name and its data, decoded as UTF-8, as a JSON string:
 * {@code {"id":"2","event":"message","data":"hello"}}. A {@linkplain Delivery#isGap() gap
 * notice} has no id, so that the client's last id stays that of the last message it
 * really got, and has the gap's description as a JSON object:
 * {@code {"event":"session.gap","data":{"lastEventId":"1","firstAvailableId":"3"}}}.
 *
 * <p>
 * The socket closes with a status that says why (see the constants); a client that
 * reconnects with the id of the last message it processed gets the rest replayed.
 */
public final class SessionWebSocketFrames {

	/**
	 * Close code of a request the adapter cannot serve: no {@code sessionId} query
	 * parameter, or a session id or last event id the store rejects.
	 */
	public static final int BAD_REQUEST = 4400;

	/**
	 * Close code of an unknown session: not registered when the socket opened, or
	 * unregistered (or expired) while it was open.
	 */
	public static final int SESSION_NOT_FOUND = 4404;

	/**
	 * Close code of a stream that ended while its session stays registered: another
	 * stream of the same session, on this or another instance, took it over, or the
	 * instance stops its streams as it shuts down ({@code Store#stopStreams()}). A client
	 * that still wants the stream reconnects with its last id, which takes the stream
	 * (back) over.
	 */
	public static final int STREAM_ENDED = 4409;

	/**
	 * Close code of a client that fell more than the store's buffer behind; it may
	 * reconnect with its last id.
	 */
	public static final int SLOW_CONSUMER = 4429;

	private SessionWebSocketFrames() {
	}

	/**
	 * Returns the text frame of a delivery: a message with its id, a gap notice without.
	 * @param delivery the delivery
	 * @return the frame's JSON text
	 */
	public static String toFrame(Delivery delivery) {
		Message message = delivery.message();
		StringBuilder json = new StringBuilder(message.data().length + 64).append('{');
		if (delivery.isGap()) {
			// The gap notice's data is a JSON object of the store's own making
			return json.append("\"event\":")
				.append(quote(message.event()))
				.append(",\"data\":")
				.append(message.dataAsString())
				.append('}')
				.toString();
		}
		return json.append("\"id\":")
			.append(quote(delivery.id()))
			.append(",\"event\":")
			.append(quote(message.event()))
			.append(",\"data\":")
			.append(quote(message.dataAsString()))
			.append('}')
			.toString();
	}

	private static String quote(String value) {
		StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				case '\n' -> quoted.append("\\n");
				case '\r' -> quoted.append("\\r");
				case '\t' -> quoted.append("\\t");
				default -> {
					if (c < 0x20) {
						quoted.append(String.format("\\u%04x", (int) c));
					}
					else {
						quoted.append(c);
					}
				}
			}
		}
		return quoted.append('"').toString();
	}

}
