package com.myunla.gateway.sample;

import java.util.UUID;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.SessionNotFoundException;
import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.web.SessionRequests;
import com.myunla.gateway.session.web.SessionServerSentEvents;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.util.UriUtils;

/**
 * The gateway's client-facing endpoints: {@code GET /sse} opens or resumes a session's
 * event stream, and {@code POST /message} sends a message to a session.
 *
 * <p>
 * A stream starts with an {@code endpoint} event whose data is the URL to post messages
 * to, then carries each message as {@code id:}, {@code event:} and {@code data:} fields,
 * with a keep-alive comment every {@code session.web.keep-alive}, as
 * {@link SessionServerSentEvents} maps them. A stream the store refuses, for example for
 * a {@code Last-Event-ID} it does not know, gets one {@value #ERROR_EVENT} event with the
 * reason and ends. A client that goes away leaves its session registered so that it can
 * resume with {@code Last-Event-ID}; the session expires after the store's time-to-live.
 *
 * <p>
 * The store's errors are answered by the starter's web support (problem details); this
 * controller's own bad input is a {@link ServerWebInputException}, which Spring answers
 * with a problem too.
 */
@RestController
public class SseController {

	/**
	 * Event name of the last event of a stream the store refused to open, such as for a
	 * malformed id.
	 */
	public static final String ERROR_EVENT = "session.error";

	private static final String SESSION_TYPE = "sse";

	private final Store store;

	private final SessionServerSentEvents events;

	private final SampleProperties properties;

	/**
	 * Creates the controller.
	 * @param store the session store
	 * @param events the mapping of a session's stream to server-sent events
	 * @param properties the sample's settings
	 */
	public SseController(Store store, SessionServerSentEvents events, SampleProperties properties) {
		this.store = store;
		this.events = events;
		this.properties = properties;
	}

	/**
	 * Opens an event stream: for a new session without {@code sessionId}, otherwise for
	 * the given session, taking its stream over and replaying what came after
	 * {@code Last-Event-ID} (or, without that header, after the last message any earlier
	 * stream delivered).
	 * @param sessionId the session to resume, or {@code null} to register a new one
	 * @param request the request, captured in a new session's metadata; with
	 * {@code sessionId}, its {@code Last-Event-ID} header or, without that header, its
	 * {@code lastEventId} query parameter is the id of the last event the client
	 * processed (a new {@code EventSource} cannot set headers, and only the browser's own
	 * reconnect sends the header)
	 * @return the event stream, or {@link SessionNotFoundException} for an unknown
	 * session
	 */
	@GetMapping(path = "/sse", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	public Mono<ResponseEntity<Flux<ServerSentEvent<String>>>> open(
			@RequestParam(required = false) @Nullable String sessionId, ServerHttpRequest request) {
		String prefix = request.getPath().contextPath().value();
		if (sessionId == null) {
			Meta meta = Meta.of(UUID.randomUUID().toString(), prefix, SESSION_TYPE, RequestInfos.from(request));
			return this.store.register(meta).map((connection) -> stream(connection, null, prefix));
		}
		String resumeAfter = SessionRequests.lastEventId(request.getHeaders(), request.getURI());
		return this.store.get(sessionId).map((connection) -> stream(connection, resumeAfter, prefix));
	}

	/**
	 * Sends the request body as a message to a session.
	 * @param sessionId the session
	 * @param event the event name
	 * @param request the request whose body is the message data
	 * @return {@code 202 Accepted} once the store acknowledged the message, or
	 * {@link SessionNotFoundException} for an unknown session,
	 * {@link IllegalArgumentException} for a bad event name and
	 * {@link ServerWebInputException} for a missing session id or a body over
	 * {@link SampleProperties#maxMessageSize()}
	 */
	@PostMapping("/message")
	public Mono<ResponseEntity<Void>> send(@RequestParam(required = false) @Nullable String sessionId,
			@RequestParam(defaultValue = Message.DEFAULT_EVENT) String event, ServerHttpRequest request) {
		if (sessionId == null) {
			return Mono.error(new ServerWebInputException("Query parameter 'sessionId' is required"));
		}
		int limit = (int) this.properties.maxMessageSize().toBytes();
		return DataBufferUtils.join(request.getBody(), limit)
			.map(SseController::toBytes)
			.defaultIfEmpty(new byte[0])
			.onErrorMap(DataBufferLimitException.class,
					(ex) -> new ServerWebInputException("Message data is larger than " + limit + " bytes"))
			.flatMap((data) -> this.store.send(sessionId, new Message(event, data)))
			.thenReturn(ResponseEntity.accepted().build());
	}

	private ResponseEntity<Flux<ServerSentEvent<String>>> stream(Connection connection, @Nullable String lastEventId,
			String prefix) {
		String sessionId = connection.meta().id();
		ServerSentEvent<String> endpoint = ServerSentEvent
			.builder(prefix + "/message?sessionId=" + UriUtils.encodeQueryParam(sessionId, "UTF-8"))
			.event("endpoint")
			.build();
		Flux<ServerSentEvent<String>> events = this.events.from(connection.events(lastEventId))
			// Unregistered between the lookup and the subscription: the same as
			// unregistered while streaming
			.onErrorResume(SessionNotFoundException.class, (ex) -> Flux.empty())
			// Event ids are opaque to the gateway, so only the store can reject a
			// Last-Event-ID, and it does so once the response is under way: say why in
			// the stream rather than break the connection
			.onErrorResume(IllegalArgumentException.class, (ex) -> Flux.just(errorEvent(ex)));
		return ResponseEntity.ok().body(Flux.concat(Mono.just(endpoint), events));
	}

	private static ServerSentEvent<String> errorEvent(IllegalArgumentException ex) {
		return ServerSentEvent.builder(String.valueOf(ex.getMessage())).event(ERROR_EVENT).build();
	}

	private static byte[] toBytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

}
