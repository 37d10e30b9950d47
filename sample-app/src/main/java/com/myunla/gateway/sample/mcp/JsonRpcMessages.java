package com.myunla.gateway.sample.mcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.myunla.gateway.session.Message;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import io.modelcontextprotocol.spec.McpSchema.LoggingMessageNotification;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebInputException;

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
	 * @return the message, or {@link ServerWebInputException} (400) for a body that is
	 * too large, empty or not a JSON-RPC message (batches included, which MCP dropped in
	 * 2025-06-18 and this gateway does not take)
	 */
	Mono<JSONRPCMessage> read(ServerHttpRequest request) {
		return DataBufferUtils.join(request.getBody(), this.maxSize)
			.onErrorMap(DataBufferLimitException.class,
					(ex) -> new ServerWebInputException("Request body is larger than " + this.maxSize + " bytes"))
			.map(JsonRpcMessages::toText)
			.switchIfEmpty(Mono.error(() -> new ServerWebInputException("Request body is empty")))
			.map(this::parse);
	}

	private JSONRPCMessage parse(String json) {
		try {
			return McpSchema.deserializeJsonRpcMessage(this.mapper, json);
		}
		catch (IOException | RuntimeException ex) {
			throw new ServerWebInputException("Request body is not a JSON-RPC message: " + ex.getMessage(), null, ex);
		}
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
