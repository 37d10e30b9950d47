package com.myunla.gateway.session.web;

import java.io.IOException;
import java.time.Duration;

import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.web.SessionWebSocketStream.Item;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.util.Assert;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * Streams sessions over Spring MVC's WebSocket support ({@code spring-websocket}):
 * {@link #handler(SessionFrameHandler)} returns a {@link WebSocketHandler} that an
 * application registers for a path with a {@code WebSocketConfigurer}.
 *
 * <p>
 * The socket works as {@link WebFluxSessionWebSockets} describes: the {@code sessionId}
 * and {@code lastEventId} query parameters (or the {@code Last-Event-ID} header), the
 * takeover of the session's stream, the frames of {@link SessionWebSocketFrames}, pings
 * while idle and a close status that says why the stream ended. Since
 * {@link WebSocketSession#sendMessage} blocks while the client does not read, frames are
 * sent on a {@link Schedulers#boundedElastic() bounded elastic} thread, one at a time,
 * and the next one is only requested from the store when the previous one is sent: the
 * store's threads never wait for a client, and a client that reads too slowly makes its
 * stream fall behind and end with {@link SessionWebSocketFrames#SLOW_CONSUMER}. The text
 * frames the client sends go to the application's {@link SessionFrameHandler} on the
 * container's thread, which waits for each frame's handling to complete.
 *
 * <p>
 * Instances are immutable and thread-safe.
 */
public final class WebMvcSessionWebSockets {

	private static final Log logger = LogFactory.getLog(WebMvcSessionWebSockets.class);

	private static final String STREAM = WebMvcSessionWebSockets.class.getName() + ".stream";

	private static final String SUBSCRIPTION = WebMvcSessionWebSockets.class.getName() + ".subscription";

	private final Store store;

	private final Duration keepAlive;

	private final Scheduler sender = Schedulers.boundedElastic();

	/**
	 * Creates the adapter.
	 * @param store the store whose sessions the sockets stream
	 * @param keepAlive the interval between pings; positive
	 */
	public WebMvcSessionWebSockets(Store store, Duration keepAlive) {
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
		return new Handler(frames);
	}

	private final class Handler extends AbstractWebSocketHandler {

		private final SessionFrameHandler frames;

		Handler(SessionFrameHandler frames) {
			this.frames = frames;
		}

		@Override
		public void afterConnectionEstablished(WebSocketSession session) {
			SessionWebSocketStream stream = new SessionWebSocketStream(WebMvcSessionWebSockets.this.store,
					session.getUri(), session.getHandshakeHeaders());
			session.getAttributes().put(STREAM, stream);
			// A prefetch of one: the store's buffer holds what is not sent yet, and the
			// one thread that sends at a time is also the only one that closes
			Disposable subscription = stream.items(WebMvcSessionWebSockets.this.keepAlive)
				.publishOn(WebMvcSessionWebSockets.this.sender, 1)
				.subscribe((item) -> send(session, item), (ex) -> {
					if (logger.isDebugEnabled()) {
						logger.debug("Session WebSocket ended: " + ex.getMessage());
					}
				});
			session.getAttributes().put(SUBSCRIPTION, subscription);
		}

		private static void send(WebSocketSession session, Item item) {
			try {
				switch (item.kind()) {
					case TEXT -> session.sendMessage(new TextMessage(item.text()));
					case PING -> session.sendMessage(new PingMessage());
					case CLOSE -> session.close(new CloseStatus(item.code(), item.text()));
				}
			}
			catch (IOException ex) {
				throw Exceptions.propagate(ex);
			}
		}

		@Override
		protected void handleTextMessage(WebSocketSession session, TextMessage message) {
			SessionWebSocketStream stream = (SessionWebSocketStream) session.getAttributes().get(STREAM);
			if (stream != null) {
				stream.receive(this.frames, message.getPayload()).block();
			}
		}

		@Override
		protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
			SessionWebSocketStream stream = (SessionWebSocketStream) session.getAttributes().get(STREAM);
			if (stream != null) {
				stream.close(CloseStatus.NOT_ACCEPTABLE.getCode(), "Text frames only");
			}
		}

		@Override
		public void handleTransportError(WebSocketSession session, Throwable exception) {
			end(session);
		}

		@Override
		public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
			end(session);
		}

		// The client went away: the store's stream ends, the session stays registered
		private static void end(WebSocketSession session) {
			if (session.getAttributes().get(SUBSCRIPTION) instanceof Disposable subscription) {
				subscription.dispose();
			}
		}

	}

}
