package com.myunla.gateway.session.web;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.web.SessionWebSocketStream.Item;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * Streams sessions over WebFlux's WebSocket support:
 * {@link #handler(SessionFrameHandler)} returns a {@link WebSocketHandler} that an
 * application maps to a path, for example with a {@code SimpleUrlHandlerMapping}.
 *
 * <p>
 * A client connects with the session's id as the {@code sessionId} query parameter, and
 * to resume with the id of the last message it processed as the {@code lastEventId} query
 * parameter or the {@code Last-Event-ID} header. The socket takes the session's stream
 * over, as an SSE stream does, and sends every delivery as a text frame (see
 * {@link SessionWebSocketFrames}), a ping every keep-alive interval while the stream is
 * idle, and closes with a status that says why the stream ended. Frames go out as the
 * connection takes them: a client that reads too slowly makes its stream fall behind and
 * end with {@link SessionWebSocketFrames#SLOW_CONSUMER}. The text frames the client sends
 * go to the application's {@link SessionFrameHandler}.
 *
 * <p>
 * Instances are immutable and thread-safe.
 */
public final class WebFluxSessionWebSockets {

	private final Store store;

	private final Duration keepAlive;

	/**
	 * Creates the adapter.
	 * @param store the store whose sessions the sockets stream
	 * @param keepAlive the interval between pings; positive
	 */
	public WebFluxSessionWebSockets(Store store, Duration keepAlive) {
		SessionWebSocketStream.checkSettings(store, keepAlive);
		this.store = store;
		this.keepAlive = keepAlive;
	}

	/**
	 * Returns a handler that streams the session of each socket and passes the frames its
	 * client sends to the given handler.
	 * @param frames what the client's text frames mean
	 * ({@link SessionFrameHandler#IGNORE} for nothing)
	 * @return the WebSocket handler
	 */
	public WebSocketHandler handler(SessionFrameHandler frames) {
		Assert.notNull(frames, "Frame handler must not be null");
		return (session) -> handle(session, frames);
	}

	private Mono<Void> handle(WebSocketSession session, SessionFrameHandler frames) {
		SessionWebSocketStream stream = new SessionWebSocketStream(this.store, session.getHandshakeInfo().getUri(),
				session.getHandshakeInfo().getHeaders());
		AtomicReference<Item> end = new AtomicReference<>();
		Flux<WebSocketMessage> messages = stream.items(this.keepAlive)
			.takeUntilOther(session.closeStatus())
			.handle((item, sink) -> {
				switch (item.kind()) {
					case TEXT -> sink.next(session.textMessage(item.text()));
					case PING -> sink.next(session.pingMessage((buffers) -> buffers.wrap(new byte[0])));
					case CLOSE -> end.set(item);
				}
			});
		Mono<Void> output = session.send(messages).then(Mono.defer(() -> {
			Item close = end.get();
			return (close != null) ? session.close(new CloseStatus(close.code(), close.text())) : Mono.empty();
		}));
		// The payload is read as the message comes, before its buffer is released
		Mono<Void> input = session.receive().<String>handle((message, sink) -> {
			if (message.getType() == WebSocketMessage.Type.TEXT) {
				sink.next(message.getPayloadAsText());
			}
			else if (message.getType() == WebSocketMessage.Type.BINARY) {
				stream.close(CloseStatus.NOT_ACCEPTABLE.getCode(), "Text frames only");
			}
		}).concatMap((text) -> stream.receive(frames, text)).then();
		return Mono.when(input, output);
	}

}
