package com.myunla.gateway.sample.mcp;

import java.util.LinkedHashMap;
import java.util.Map;

import com.myunla.gateway.session.SessionNotFoundException;
import com.myunla.gateway.session.StoreClosedException;
import com.myunla.gateway.session.StoreUnavailableException;
import com.myunla.gateway.session.web.SessionExceptionHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

/**
 * Answers every error of the MCP endpoints, before any stream starts, as the transports
 * allow: an HTTP error status whose body is a JSON-RPC error without id, as
 * {@code application/json} whatever the client accepts (MCP clients accept
 * {@code text/event-stream} too, and a stream that could not be opened is answered as
 * well). The codes are JSON-RPC's: {@code -32700} for a body that is no JSON,
 * {@code -32600} for a request the transport refuses, {@code -32602} for parameters that
 * are no object, {@code -32001} for an unknown session (as the MCP SDKs answer it) and
 * {@code -32603} for an error of the server.
 *
 * <p>
 * The session store's errors get the status the starter's {@link SessionExceptionHandler}
 * gives them ({@code 503} with {@code Retry-After} while the store is unavailable, say)
 * and its detail as message, which is written for clients. Any other error is a fault of
 * the server: logged once, answered {@code 500} without its text, which may name
 * internals.
 */
@RestControllerAdvice(assignableTypes = { StreamableHttpController.class, HttpSseController.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class McpErrors {

	/** JSON-RPC error code of an unknown, expired or ended session. */
	static final int SESSION_NOT_FOUND = -32001;

	private static final Log logger = LogFactory.getLog(McpErrors.class);

	private final JsonRpcMessages messages;

	private final SessionExceptionHandler sessionErrors;

	McpErrors(JsonRpcMessages messages, SessionExceptionHandler sessionErrors) {
		this.messages = messages;
		this.sessionErrors = sessionErrors;
	}

	@ExceptionHandler
	ResponseEntity<String> refused(McpRequestException ex) {
		return answer(ex.status(), ex.code(), ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<String> sessionNotFound(SessionNotFoundException ex) {
		return fromProblem(this.sessionErrors.sessionNotFound(ex), SESSION_NOT_FOUND);
	}

	@ExceptionHandler
	ResponseEntity<String> storeUnavailable(StoreUnavailableException ex) {
		return fromProblem(this.sessionErrors.storeUnavailable(ex), ErrorCodes.INTERNAL_ERROR);
	}

	@ExceptionHandler
	ResponseEntity<String> storeClosed(StoreClosedException ex) {
		return fromProblem(this.sessionErrors.storeClosed(ex), ErrorCodes.INTERNAL_ERROR);
	}

	@ExceptionHandler
	ResponseEntity<String> badInput(IllegalArgumentException ex) {
		ResponseEntity<ProblemDetail> problem;
		try {
			problem = this.sessionErrors.badInput(ex);
		}
		catch (IllegalArgumentException notTheStores) {
			return internalError(ex);
		}
		return fromProblem(problem, ErrorCodes.INVALID_REQUEST);
	}

	// Spring's own refusals (406, 405, 415 and the like): the status's phrase, since
	// their reasons name types
	@ExceptionHandler
	ResponseEntity<String> refusedBySpring(ResponseStatusException ex) {
		HttpStatusCode status = ex.getStatusCode();
		if (status.is5xxServerError()) {
			return internalError(ex);
		}
		HttpStatus known = HttpStatus.resolve(status.value());
		return answer(status, ErrorCodes.INVALID_REQUEST, (known != null) ? known.getReasonPhrase() : "Bad Request");
	}

	@ExceptionHandler
	ResponseEntity<String> internalError(Exception ex) {
		logger.error("MCP request failed", ex);
		return answer(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCodes.INTERNAL_ERROR, "Internal error");
	}

	private ResponseEntity<String> fromProblem(ResponseEntity<ProblemDetail> problem, int code) {
		ProblemDetail detail = problem.getBody();
		String message = (detail != null && detail.getDetail() != null) ? detail.getDetail()
				: problem.getStatusCode().toString();
		return ResponseEntity.status(problem.getStatusCode())
			.headers(problem.getHeaders())
			.contentType(MediaType.APPLICATION_JSON)
			.body(error(code, message));
	}

	private ResponseEntity<String> answer(HttpStatusCode status, int code, String message) {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(error(code, message));
	}

	// A JSON-RPC error response without id, as the transport says an HTTP error's body
	// may be
	private String error(int code, String message) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("code", code);
		error.put("message", message);
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("jsonrpc", McpSchema.JSONRPC_VERSION);
		response.put("error", error);
		return this.messages.write(response);
	}

}
