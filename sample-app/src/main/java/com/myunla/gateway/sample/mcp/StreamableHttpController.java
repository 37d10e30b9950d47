package com.myunla.gateway.sample.mcp;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import com.myunla.gateway.sample.RequestInfos;
import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.SessionNotFoundException;
import com.myunla.gateway.session.Store;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.HttpHeaders;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.ProtocolVersions;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The MCP Streamable HTTP transport (protocol revisions 2025-03-26, 2025-06-18 and
 * 2025-11-25) at {@code /mcp}, with its sessions in the session store so that every
 * request may reach any instance.
 *
 * <ul>
 * <li>{@code POST} of an {@code initialize} request registers a session and answers with
 * its id in the {@code Mcp-Session-Id} header. Every other {@code POST} names its session
 * in that header ({@code 400} without it, {@code 404} for a session that is unknown,
 * expired or ended). A request is answered with one {@code application/json} response;
 * notifications and responses with {@code 202 Accepted}.</li>
 * <li>{@code GET} opens the session's one server-to-client SSE stream, taking it over
 * from an earlier one on any instance. Events carry the store's message ids; a
 * {@code Last-Event-ID} resumes after that id, on any instance. For revision 2025-11-25
 * the stream starts with a priming event (an id, a {@code retry:} field and empty
 * data).</li>
 * <li>{@code DELETE} ends the session; its stream ends wherever it is.</li>
 * <li>An {@code MCP-Protocol-Version} header other than the revisions above is answered
 * with {@code 400}; without the header 2025-03-26 is assumed, as the specification says.
 * The {@code Origin} header is checked by {@link OriginFilter}.</li>
 * </ul>
 * Server-to-client messages (the {@code notify} tool's notifications) travel through the
 * store to the session's stream. The server sends no requests to clients, so responses
 * posted by a client are accepted and dropped.
 */
@RestController
@RequestMapping("/mcp")
public class StreamableHttpController {

	/** Type of the sessions this transport registers. */
	public static final String SESSION_TYPE = "mcp-streamable-http";

	private static final String PRIME_EVENT = "mcp.prime";

	private final Store store;

	private final JsonRpcMessages messages;

	private final McpStatelessServerHandler handler;

	private final McpStreams streams;

	private final McpProperties properties;

	StreamableHttpController(Store store, JsonRpcMessages messages, McpServers servers, McpStreams streams,
			McpProperties properties) {
		this.store = store;
		this.messages = messages;
		this.handler = servers.streamableHttp();
		this.streams = streams;
		this.properties = properties;
	}

	/**
	 * Takes one JSON-RPC message from the client.
	 * @param sessionId the session, required except for {@code initialize}
	 * @param version the protocol revision the client negotiated
	 * @param request the request whose body is the message
	 * @return the JSON-RPC response, or {@code 202 Accepted} for a notification or
	 * response
	 */
	@PostMapping
	public Mono<ResponseEntity<String>> post(
			@RequestHeader(name = HttpHeaders.MCP_SESSION_ID, required = false) @Nullable String sessionId,
			@RequestHeader(name = HttpHeaders.PROTOCOL_VERSION, required = false) @Nullable String version,
			ServerHttpRequest request) {
		return this.messages.read(request).flatMap((message) -> {
			if (message instanceof JSONRPCRequest initialize
					&& McpSchema.METHOD_INITIALIZE.equals(initialize.method())) {
				return JsonRpcMessages.hasValidParams(initialize) ? initialize(initialize, request)
						: Mono.just(json(JsonRpcMessages.invalidParams(initialize.id()), null));
			}
			return session(sessionId, version).flatMap((connection) -> handle(connection.meta().id(), message));
		});
	}

	/**
	 * Opens or resumes the session's server-to-client stream.
	 * @param sessionId the session
	 * @param version the protocol revision the client negotiated
	 * @param lastEventId the id of the last event the client received, to resume after it
	 * @return the stream
	 */
	@GetMapping(produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	public Mono<ResponseEntity<Flux<ServerSentEvent<String>>>> listen(
			@RequestHeader(name = HttpHeaders.MCP_SESSION_ID, required = false) @Nullable String sessionId,
			@RequestHeader(name = HttpHeaders.PROTOCOL_VERSION, required = false) @Nullable String version,
			@RequestHeader(name = HttpHeaders.LAST_EVENT_ID, required = false) @Nullable String lastEventId) {
		return session(sessionId, version)
			.map((connection) -> ResponseEntity.ok().body(stream(connection, lastEventId, primes(version))));
	}

	/**
	 * Ends the session.
	 * @param sessionId the session
	 * @param version the protocol revision the client negotiated
	 * @return {@code 204 No Content}
	 */
	@DeleteMapping
	public Mono<ResponseEntity<Void>> end(
			@RequestHeader(name = HttpHeaders.MCP_SESSION_ID, required = false) @Nullable String sessionId,
			@RequestHeader(name = HttpHeaders.PROTOCOL_VERSION, required = false) @Nullable String version) {
		return session(sessionId, version).flatMap(Connection::close).thenReturn(ResponseEntity.noContent().build());
	}

	private Mono<ResponseEntity<String>> initialize(JSONRPCRequest initialize, ServerHttpRequest request) {
		String sessionId = UUID.randomUUID().toString();
		Meta meta = Meta.of(sessionId, request.getPath().contextPath().value(), SESSION_TYPE,
				RequestInfos.from(request));
		return this.store.register(meta)
			.then(this.handler.handleRequest(context(sessionId), initialize))
			.flatMap((response) -> {
				if (response.error() != null) {
					return this.store.unregister(sessionId).thenReturn(json(response, null));
				}
				return Mono.just(json(response, sessionId));
			});
	}

	private Mono<ResponseEntity<String>> handle(String sessionId, JSONRPCMessage message) {
		if (message instanceof JSONRPCRequest request) {
			Mono<JSONRPCResponse> response = JsonRpcMessages.hasValidParams(request)
					? this.messages.handle(this.handler, context(sessionId), request)
					: Mono.just(JsonRpcMessages.invalidParams(request.id()));
			return response.map((answer) -> json(answer, null));
		}
		Mono<Void> handled = (message instanceof JSONRPCNotification notification)
				? this.messages.handle(this.handler, context(sessionId), notification) : Mono.empty();
		return handled.thenReturn(ResponseEntity.accepted().build());
	}

	private ResponseEntity<String> json(JSONRPCResponse response, @Nullable String newSessionId) {
		ResponseEntity.BodyBuilder builder = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON);
		if (newSessionId != null) {
			builder.header(HttpHeaders.MCP_SESSION_ID, newSessionId);
		}
		return builder.body(this.messages.write(response));
	}

	/**
	 * Looks the request's session up: {@link McpRequestException} (400) without a session
	 * id or for an unsupported protocol revision, {@link SessionNotFoundException} (404)
	 * for a session that is gone or is not one of this transport's.
	 */
	private Mono<Connection> session(@Nullable String sessionId, @Nullable String version) {
		if (sessionId == null || sessionId.isBlank()) {
			return Mono.error(new McpRequestException(HttpStatus.BAD_REQUEST, ErrorCodes.INVALID_REQUEST,
					"Header " + HttpHeaders.MCP_SESSION_ID + " is required"));
		}
		if (version != null && !McpServers.STREAMABLE_HTTP_VERSIONS.contains(version)) {
			return Mono.error(new McpRequestException(HttpStatus.BAD_REQUEST, ErrorCodes.INVALID_REQUEST,
					"Unsupported " + HttpHeaders.PROTOCOL_VERSION + " '" + version + "'; supported: "
							+ McpServers.STREAMABLE_HTTP_VERSIONS));
		}
		return this.store.get(sessionId)
			.filter((connection) -> SESSION_TYPE.equals(connection.meta().type()))
			.switchIfEmpty(Mono.error(() -> new SessionNotFoundException(sessionId)));
	}

	private Flux<ServerSentEvent<String>> stream(Connection connection, @Nullable String lastEventId, boolean primes) {
		Flux<Delivery> deliveries = connection.events(lastEventId);
		if (!primes) {
			return this.streams.serve(deliveries, (delivery) -> toEvent(delivery, false));
		}
		if (lastEventId != null) {
			// The client's own last id is where a reconnect resumes, as long as nothing
			// newer arrives. It goes out with the stream's first event (a replayed
			// message, a gap warning or a keep-alive), once the store has taken the id:
			// until then a rejected id can still be answered with an error status instead
			// of a stream
			return Flux.defer(() -> {
				AtomicBoolean primed = new AtomicBoolean();
				return this.streams.serve(deliveries, (delivery) -> toEvent(delivery, true))
					.concatMapIterable(
							(event) -> primed.getAndSet(true) ? List.of(event) : List.of(prime(lastEventId), event), 1);
			});
		}
		// A new stream's position is only known once the store has given an id, so the
		// priming event is a message of the session itself: stored after anything still
		// pending, delivered with its own id. A prefetch of one keeps the store's buffer,
		// not the merge's queue, holding what the client has not taken.
		Message prime = new Message(PRIME_EVENT, new byte[0]);
		Flux<Delivery> primed = Flux.merge(1, deliveries, connection.send(prime).then(Mono.<Delivery>empty()));
		return this.streams.serve(primed, (delivery) -> toEvent(delivery, true));
	}

	private @Nullable ServerSentEvent<String> toEvent(Delivery delivery, boolean primes) {
		Message message = delivery.message();
		if (PRIME_EVENT.equals(message.event())) {
			return primes ? prime(delivery.id()) : null;
		}
		return ServerSentEvent.builder(message.dataAsString()).id(delivery.id()).event(message.event()).build();
	}

	private ServerSentEvent<String> prime(String id) {
		return ServerSentEvent.builder("").id(id).retry(this.properties.retry()).build();
	}

	// Clients of revisions before 2025-11-25 may fail on an event with empty data
	private static boolean primes(@Nullable String version) {
		return version != null && version.compareTo(ProtocolVersions.MCP_2025_11_25) >= 0;
	}

	private static McpTransportContext context(String sessionId) {
		return McpTransportContext.create(Map.of(McpTools.SESSION_ID, sessionId));
	}

}
