package com.myunla.gateway.sample.mcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.myunla.gateway.session.Message;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse.JSONRPCError;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import io.modelcontextprotocol.spec.McpSchema.LoggingMessageNotification;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * JSON-RPC messages as the MCP endpoints read them from request bodies and hand them to
 * the session store: a stored message carries one JSON-RPC message as its data, under the
 * SSE event name {@value #EVENT}.
 */
final class JsonRpcMessages {

	/**
	 * Event name of a stored JSON-RPC message, the default SSE event type that MCP
	 * clients read.
	 */
	static final String EVENT = "message";

	private final McpJsonMapper mapper;

	private final int maxSize;

	JsonRpcMessages(McpJsonMapper mapper, int maxSize) {
		this.mapper = mapper;
		this.maxSize = maxSize;
	}

	McpJsonMapper mapper() {
		return this.mapper;
	}

	/**
	 * Reads a request body as one JSON-RPC message.
	 * @return the message, or {@link McpRequestException} (400) for a body that is too
	 * large, empty, no JSON ({@code -32700}) or not a JSON-RPC message ({@code -32600}:
	 * batches included, which MCP dropped in 2025-06-18 and this gateway does not take,
	 * and requests whose id is neither a string nor an integer)
	 */
	Mono<JSONRPCMessage> read(ServerHttpRequest request) {
		return DataBufferUtils.join(request.getBody(), this.maxSize)
			.onErrorMap(DataBufferLimitException.class,
					(ex) -> invalid("Request body is larger than " + this.maxSize + " bytes"))
			.map(JsonRpcMessages::toText)
			.switchIfEmpty(Mono.error(() -> invalid("Request body is empty")))
			.map(this::parse);
	}

	private JSONRPCMessage parse(String json) {
		Object value;
		try {
			value = this.mapper.readValue(json, Object.class);
		}
		catch (IOException | RuntimeException ex) {
			// The parser's text names its internals; the client learns what the
			// specification calls it
			throw new McpRequestException(HttpStatus.BAD_REQUEST, ErrorCodes.PARSE_ERROR,
					"Parse error: request body is not JSON");
		}
		if (!(value instanceof Map)) {
			throw invalid("Request body is not one JSON-RPC message object");
		}
		JSONRPCMessage message;
		try {
			message = McpSchema.deserializeJsonRpcMessage(this.mapper, json);
		}
		catch (IOException | RuntimeException ex) {
			throw invalid("Request body is not a JSON-RPC request, notification or response");
		}
		if (message instanceof JSONRPCRequest request && !(request.id() instanceof String
				|| request.id() instanceof Integer || request.id() instanceof Long)) {
			throw invalid("A request's id must be a string or an integer");
		}
		return message;
	}

	/**
	 * Whether a request's or notification's {@code params} are absent or an object, as
	 * every MCP method's are; the SDK's server fails on others as on a fault of its own.
	 */
	static boolean hasValidParams(JSONRPCMessage message) {
		Object params = (message instanceof JSONRPCRequest request) ? request.params()
				: (message instanceof JSONRPCNotification notification) ? notification.params() : null;
		return params == null || params instanceof Map;
	}

	/**
	 * The JSON-RPC error response to a request whose parameters are wrong.
	 */
	static JSONRPCResponse invalidParams(Object id) {
		return JSONRPCResponse.error(id, new JSONRPCError(ErrorCodes.INVALID_PARAMS, "Invalid params"));
	}

	/**
	 * Hands a request to the SDK's server. The server takes parameters it cannot read (an
	 * object of the wrong shape) for a fault of its own, and may throw it rather than
	 * signal it: they are answered as invalid parameters instead.
	 */
	Mono<JSONRPCResponse> handle(McpStatelessServerHandler handler, McpTransportContext context,
			JSONRPCRequest request) {
		return Mono.defer(() -> handler.handleRequest(context, request))
			.onErrorResume(IllegalArgumentException.class, (ex) -> Mono.just(invalidParams(request.id())));
	}

	/**
	 * Hands a notification to the SDK's server; parameters it cannot read are refused
	 * with {@code 400}, the notification having no response to carry the error.
	 */
	Mono<Void> handle(McpStatelessServerHandler handler, McpTransportContext context,
			JSONRPCNotification notification) {
		if (!hasValidParams(notification)) {
			return Mono.error(invalidParamsOf(notification));
		}
		return Mono.defer(() -> handler.handleNotification(context, notification))
			.onErrorMap(IllegalArgumentException.class, (ex) -> invalidParamsOf(notification));
	}

	private static McpRequestException invalidParamsOf(JSONRPCNotification notification) {
		return new McpRequestException(HttpStatus.BAD_REQUEST, ErrorCodes.INVALID_PARAMS,
				"Invalid params of " + notification.method());
	}

	private static McpRequestException invalid(String message) {
		return new McpRequestException(HttpStatus.BAD_REQUEST, ErrorCodes.INVALID_REQUEST, message);
	}

	String write(Object value) {
		try {
			return this.mapper.writeValueAsString(value);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Wraps a JSON-RPC message for the session store.
	 */
	Message toMessage(JSONRPCMessage message) {
		return new Message(EVENT, write(message).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Creates a {@code notifications/message} log notification.
	 */
	JSONRPCNotification log(LoggingLevel level, String logger, String data) {
		return new JSONRPCNotification(McpSchema.JSONRPC_VERSION, McpSchema.METHOD_NOTIFICATION_MESSAGE,
				new LoggingMessageNotification(level, logger, data));
	}

	private static String toText(DataBuffer buffer) {
		try {
			return buffer.toString(StandardCharsets.UTF_8);
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

}
