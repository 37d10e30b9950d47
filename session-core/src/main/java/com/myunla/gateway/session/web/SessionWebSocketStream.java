package com.myunla.gateway.session.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.SessionNotFoundException;
import com.myunla.gateway.session.SlowConsumerException;
import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.StoreClosedException;
import com.myunla.gateway.session.StoreUnavailableException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * What the two WebSocket adapters share: the session a socket streams, the frames, pings
 * and the final close it sends, and what an error of the application's frame handler
 * closes it with. Each adapter only turns the items into its stack's messages.
 */
final class SessionWebSocketStream {

	private static final Log logger = LogFactory.getLog(SessionWebSocketStream.class);

	private static final Item PING = new Item(Kind.PING, "", 0);

	private final Store store;

	private final @Nullable String sessionId;

	private final @Nullable String lastEventId;

	private final Mono<Connection> connection;

	private final Sinks.One<Item> closeRequest = Sinks.one();

	/**
	 * Creates the stream of the socket whose handshake had the given URI and headers.
	 * @param store the store
	 * @param uri the handshake's URI, with the {@code sessionId} and perhaps the
	 * {@code lastEventId} query parameters
	 * @param headers the handshake's headers, with perhaps {@code Last-Event-ID}
	 */
	SessionWebSocketStream(Store store, URI uri, HttpHeaders headers) {
		this.store = store;
		var query = UriComponentsBuilder.fromUri(uri).build().getQueryParams();
		this.sessionId = decode(query.getFirst("sessionId"));
		String lastEventId = decode(query.getFirst("lastEventId"));
		this.lastEventId = (lastEventId != null) ? lastEventId : headers.getFirst("Last-Event-ID");
		// One look-up for the stream and every incoming frame
		this.connection = (this.sessionId != null) ? store.get(this.sessionId).cache()
				: Mono.error(new IllegalArgumentException("No sessionId query parameter"));
	}

	/**
	 * Checks the settings of an adapter.
	 * @param store the store whose sessions the sockets stream
	 * @param keepAlive the interval between pings
	 * @throws IllegalArgumentException if the store is {@code null} or the interval not
	 * positive
	 */
	static void checkSettings(Store store, Duration keepAlive) {
		Assert.notNull(store, "Store must not be null");
		Assert.isTrue(keepAlive != null && !keepAlive.isNegative() && !keepAlive.isZero(),
				"Keep-alive interval must be positive");
	}

	private static @Nullable String decode(@Nullable String value) {
		return StringUtils.hasLength(value) ? UriUtils.decode(value, StandardCharsets.UTF_8) : null;
	}

	/**
	 * Returns what goes out: a text frame per delivery, a ping every keep-alive interval
	 * while idle, and last a close, after which nothing follows.
	 * @param keepAlive the interval between pings
	 * @return the items
	 */
	Flux<Item> items(Duration keepAlive) {
		Flux<Item> frames = this.connection.flatMapMany((connection) -> connection.events(this.lastEventId))
			.map((delivery) -> new Item(Kind.TEXT, SessionWebSocketFrames.toFrame(delivery), 0));
		// As for server-sent events: a tick while the client has not taken the last frame
		// is dropped, and prefetches of one leave what the client has not taken in the
		// store's buffer, where its slow-consumer bound applies. The pings end with the
		// frames but do not take their error, which would otherwise reach the merge twice
		// and become a composite error when the two race with a request on another thread
		Flux<Item> pings = Flux.interval(keepAlive).onBackpressureDrop().map((tick) -> PING);
		Flux<Item> stream = frames
			.publish((shared) -> Flux.merge(1, shared, pings.takeUntilOther(shared.then().onErrorComplete())), 1)
			.concatWith(Mono.defer(this::ended))
			.onErrorResume((ex) -> Mono.just(outgoingCloseFor(ex)));
		return Flux.merge(1, stream, this.closeRequest.asMono()).takeUntil((item) -> item.kind() == Kind.CLOSE);
	}

	// A stream completes when another one took it over, when the store stops its streams
	// for a shutdown, or when its session ended
	private Mono<Item> ended() {
		return this.connection.flatMap((connection) -> this.store.get(connection.meta().id()))
			.map((connection) -> new Item(Kind.CLOSE, "Stream ended", SessionWebSocketFrames.STREAM_ENDED))
			.onErrorResume((ex) -> Mono.just(outgoingCloseFor(ex)));
	}

	// Only the look-up and the opening of the stream signal IllegalArgumentException here
	private Item outgoingCloseFor(Throwable ex) {
		if (ex instanceof IllegalArgumentException) {
			return new Item(Kind.CLOSE, badRequestReason(), SessionWebSocketFrames.BAD_REQUEST);
		}
		Item close = closeFor(ex);
		if (close.code() == 1011) {
			logger.warn("Session WebSocket stream failed", ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Session WebSocket stream ended: " + ex.getMessage());
		}
		return close;
	}

	/**
	 * Has the socket closed with the given status after what went out so far.
	 * @param code the close code
	 * @param reason the reason
	 */
	void close(int code, String reason) {
		this.closeRequest.tryEmitValue(new Item(Kind.CLOSE, reason, code));
	}

	/**
	 * Handles an incoming text frame with the application's handler; an error it signals
	 * closes the socket.
	 * @param handler the application's handler
	 * @param text the frame's text
	 * @return a {@code Mono} completing once the handler is done
	 */
	Mono<Void> receive(SessionFrameHandler handler, String text) {
		// A failed look-up closes the socket through the stream
		return this.connection.onErrorResume((ex) -> Mono.empty())
			.flatMap((connection) -> handler.handle(connection, text))
			.onErrorResume((ex) -> {
				Item close = closeFor(ex);
				if (close.code() == 1011) {
					logger.warn("Session WebSocket frame handler failed", ex);
				}
				this.closeRequest.tryEmitValue(close);
				return Mono.empty();
			});
	}

	private Item closeFor(Throwable ex) {
		if (ex instanceof SessionNotFoundException) {
			return new Item(Kind.CLOSE, "Session not found", SessionWebSocketFrames.SESSION_NOT_FOUND);
		}
		if (ex instanceof SlowConsumerException) {
			logger.info(ex.getMessage());
			return new Item(Kind.CLOSE, "Slow consumer", SessionWebSocketFrames.SLOW_CONSUMER);
		}
		if (ex instanceof StoreUnavailableException) {
			return new Item(Kind.CLOSE, "Session store unavailable", 1013);
		}
		if (ex instanceof StoreClosedException) {
			return new Item(Kind.CLOSE, "Going away", 1001);
		}
		return new Item(Kind.CLOSE, "Server error", 1011);
	}

	private String badRequestReason() {
		if (this.sessionId == null) {
			return "No sessionId";
		}
		return (this.lastEventId != null) ? "Bad sessionId or lastEventId" : "Bad sessionId";
	}

	/**
	 * What goes out.
	 */
	enum Kind {

		/** A text frame. */
		TEXT,

		/** A ping. */
		PING,

		/** The close, with its code and reason. */
		CLOSE

	}

	/**
	 * One item of what goes out.
	 *
	 * @param kind what it is
	 * @param text a text frame's text, or a close's reason
	 * @param code a close's code
	 */
	record Item(Kind kind, String text, int code) {

	}

}
