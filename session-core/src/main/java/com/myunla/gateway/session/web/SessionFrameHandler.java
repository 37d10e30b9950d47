package com.myunla.gateway.session.web;

import com.myunla.gateway.session.Connection;
import reactor.core.publisher.Mono;

/**
 * What a session's WebSocket does with the text frames its client sends: the
 * application's own protocol. The adapters call it once per frame, in the order the
 * frames came, the next frame only after the previous one's {@code Mono} completed.
 *
 * <p>
 * An error the {@code Mono} signals closes the socket:
 * {@link SessionWebSocketFrames#SESSION_NOT_FOUND} for
 * {@link com.myunla.gateway.session.SessionNotFoundException}, {@code 1013} (try again
 * later) for {@link com.myunla.gateway.session.StoreUnavailableException}, {@code 1011}
 * (server error, logged at {@code WARN}) for any other.
 */
@FunctionalInterface
public interface SessionFrameHandler {

	/**
	 * A frame handler that ignores every frame: the socket only streams the session.
	 */
	SessionFrameHandler IGNORE = (connection, text) -> Mono.empty();

	/**
	 * Handles one text frame of a session's client.
	 * @param connection the session the socket is for
	 * @param text the frame's text
	 * @return a {@code Mono} completing once the frame is handled
	 */
	Mono<Void> handle(Connection connection, String text);

}
