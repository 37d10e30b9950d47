package com.myunla.gateway.sample.mcp;

import java.util.Map;
import java.util.UUID;

import com.myunla.gateway.sample.RequestInfos;
import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.SessionNotFoundException;
import com.myunla.gateway.session.Store;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/**
 * The MCP HTTP+SSE transport of protocol revision 2024-11-05, with its sessions in the
 * session store.
 *
 * <p>
 * {@code GET /mcp/sse} registers a session and opens its stream, which starts with an
 * {@code endpoint} event naming {@code /mcp/message?sessionId=<id>}. A JSON-RPC message
 * posted there, to any instance, is answered with {@code 202 Accepted}; the response to a
 * request travels through the store and arrives on the stream as a {@code message} event,
 * wherever the stream is. That revision has no resumption: the session ends when its
 * client closes the stream, and a client that reconnects starts a new session.
 */
@RestController
public class HttpSseController {

	/** Type of the sessions this transport registers. */
	public static final String SESSION_TYPE = "mcp-sse";

	private static final Log logger = LogFactory.getLog(HttpSseController.class);

	private final Store store;

	private final JsonRpcMessages messages;

	private final McpStatelessServerHandler handler;

	private final McpStreams streams;

	HttpSseController(Store store, JsonRpcMessages messages, McpServers servers, McpStreams streams) {
		this.store = store;
		this.messages = messages;
		this.handler = servers.httpSse();
		this.streams = streams;
	}

	/**
	 * Registers a session and opens its stream.
	 * @param request the request, captured in the session's metadata
	 * @return the stream
	 */
	@GetMapping(path = "/mcp/sse", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	public Mono<ResponseEntity<Flux<ServerSentEvent<String>>>> open(ServerHttpRequest request) {
		String prefix = request.getPath().contextPath().value();
		Meta meta = Meta.of(UUID.randomUUID().toString(), prefix, SESSION_TYPE, RequestInfos.from(request));
		return this.store.register(meta).map((connection) -> ResponseEntity.ok().body(stream(connection, prefix)));
	}

	/**
	 * Takes one JSON-RPC message for a session; the response to a request goes to the
	 * session's stream.
	 * @param sessionId the session, from the {@code endpoint} event
	 * @param request the request whose body is the message
	 * @return {@code 202 Accepted} once a response is handed to the store
	 */
	@PostMapping("/mcp/message")
	public Mono<ResponseEntity<Void>> message(@RequestParam(required = false) @Nullable String sessionId,
			ServerHttpRequest request) {
		if (sessionId == null) {
			return Mono.error(new McpRequestException(HttpStatus.BAD_REQUEST, ErrorCodes.INVALID_REQUEST,
					"Query parameter 'sessionId' is required"));
		}
		return this.store.get(sessionId)
			.filter((connection) -> SESSION_TYPE.equals(connection.meta().type()))
			.switchIfEmpty(Mono.error(() -> new SessionNotFoundException(sessionId)))
			.flatMap((connection) -> this.messages.read(request).flatMap((message) -> handle(connection, message)))
			.thenReturn(ResponseEntity.accepted().build());
	}

	private Mono<Void> handle(Connection connection, JSONRPCMessage message) {
		McpTransportContext context = McpTransportContext.create(Map.of(McpTools.SESSION_ID, connection.meta().id()));
		if (message instanceof JSONRPCRequest request) {
			Mono<JSONRPCResponse> response = JsonRpcMessages.hasValidParams(request)
					? this.messages.handle(this.handler, context, request)
					: Mono.just(JsonRpcMessages.invalidParams(request.id()));
			return response.flatMap((answer) -> connection.send(this.messages.toMessage(answer)));
		}
		if (message instanceof JSONRPCNotification notification) {
			return this.messages.handle(this.handler, context, notification);
		}
		// The server sends no requests, so no response from the client is awaited
		return Mono.empty();
	}

	private Flux<ServerSentEvent<String>> stream(Connection connection, String prefix) {
		String sessionId = connection.meta().id();
		ServerSentEvent<String> endpoint = ServerSentEvent
			.builder(prefix + "/mcp/message?sessionId=" + UriUtils.encodeQueryParam(sessionId, "UTF-8"))
			.event("endpoint")
			.build();
		return Flux.concat(Mono.just(endpoint), this.streams.serve(connection.events(), HttpSseController::toEvent))
			// The revision cannot resume a stream, so a session whose client went away is
			// of no further use
			.doOnCancel(() -> this.store.unregister(sessionId)
				.subscribe(null, (ex) -> logger.debug("Session " + sessionId + " already ended", ex)));
	}

	// The revision has no event ids: a stream cannot resume
	private static ServerSentEvent<String> toEvent(Delivery delivery) {
		return ServerSentEvent.builder(delivery.message().dataAsString()).event(delivery.message().event()).build();
	}

}
