package com.myunla.gateway.sample.mcp;

import org.springframework.http.HttpStatus;

/**
 * A request the MCP endpoints refuse, answered by {@link McpErrors} with its status and a
 * JSON-RPC error of its code and message. The message is written to the client as is, so
 * it says what is wrong with the request in words of the protocol, never those of an
 * exception.
 */
final class McpRequestException extends RuntimeException {

	private final HttpStatus status;

	private final int code;

	McpRequestException(HttpStatus status, int code, String message) {
		super(message, null, false, false);
		this.status = status;
		this.code = code;
	}

	HttpStatus status() {
		return this.status;
	}

	int code() {
		return this.code;
	}

}
