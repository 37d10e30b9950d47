package com.myunla.gateway.sample;

import com.myunla.gateway.session.SessionNotFoundException;
import com.myunla.gateway.session.StoreUnavailableException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns the store's errors into RFC 9457 problem details: {@code 404} for an unknown session, with its id
 * in a {@code sessionId} member, {@code 400} for bad input and {@code 503} while the store's backend is
 * unreachable.
 */
@RestControllerAdvice
public class SessionErrorHandler {

	private static final Log logger = LogFactory.getLog(SessionErrorHandler.class);

	/**
	 * Answers an unknown, expired or unregistered session.
	 * @param ex the error
	 * @return a {@code 404} problem naming the session
	 */
	@ExceptionHandler
	public ResponseEntity<ProblemDetail> sessionNotFound(SessionNotFoundException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		problem.setProperty("sessionId", ex.getSessionId());
		return respond(problem);
	}

	/**
	 * Answers bad input. The session API reports every invalid argument this way, with a message that says
	 * what is wrong.
	 * @param ex the error
	 * @return a {@code 400} problem
	 */
	@ExceptionHandler
	public ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException ex) {
		return respond(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage()));
	}

	/**
	 * Answers while the store's backend (Redis) cannot be reached. The cause stays in the log: it names
	 * servers, which clients have no business knowing.
	 * @param ex the error
	 * @return a {@code 503} problem
	 */
	@ExceptionHandler
	public ResponseEntity<ProblemDetail> storeUnavailable(StoreUnavailableException ex) {
		logger.warn("Session store unavailable", ex);
		return respond(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"Session store is unavailable; retry later"));
	}

	/**
	 * Ends a request whose connection closed before its body was read, as when the server shuts down while a
	 * client is still sending: nobody is left to answer, and Spring would otherwise log it as a
	 * {@code 500} with a stack trace.
	 * @param ex the error
	 * @return nothing
	 */
	@ExceptionHandler
	public Mono<Void> connectionClosed(AbortedException ex) {
		logger.debug("Connection closed before the request was read", ex);
		return Mono.empty();
	}

	private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
		// Set explicitly so that the problem is written as JSON even to a client that accepts only text/event-stream
		return ResponseEntity.status(problem.getStatus())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

}
