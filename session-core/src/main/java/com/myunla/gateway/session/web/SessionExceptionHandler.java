package com.myunla.gateway.session.web;

import java.time.Duration;

import com.myunla.gateway.session.SessionException;
import com.myunla.gateway.session.SessionExistsException;
import com.myunla.gateway.session.SessionNotFoundException;
import com.myunla.gateway.session.StoreClosedException;
import com.myunla.gateway.session.StoreUnavailableException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers the session store's errors, signalled by a controller or a functional endpoint
 * ({@code RouterFunction}) of a WebFlux or a Spring MVC application (Spring applies a
 * {@code @RestControllerAdvice} to both), with RFC 9457 problem details
 * ({@code application/problem+json}):
 * <ul>
 * <li>{@link SessionNotFoundException}: {@code 404}, with the session's id in a
 * {@code sessionId} member;</li>
 * <li>{@link SessionExistsException}: {@code 409}, with the session's id in a
 * {@code sessionId} member;</li>
 * <li>an {@link IllegalArgumentException} thrown by the session API (bad input such as a
 * blank session id, a bad event name, or a last event id the store rejects): {@code 400}.
 * Other {@code IllegalArgumentException}s are left to the application's own error
 * handling;</li>
 * <li>{@link StoreUnavailableException}: {@code 503} with a {@code Retry-After} header.
 * The cause is logged as a warning without stack trace and stays out of the answer: it
 * names servers.</li>
 * <li>{@link StoreClosedException}: {@code 503} with a {@code Retry-After} header, for a
 * request that reached an instance whose store closed while it shuts down.</li>
 * </ul>
 * The content type is set even for a client that accepts only {@code text/event-stream},
 * so that a stream that could not be opened is answered too.
 *
 * <p>
 * Ordered last ({@link Ordered#LOWEST_PRECEDENCE}), so that an application's own
 * {@code @ControllerAdvice} for these exceptions takes precedence. Nothing here logs the
 * request's URI, whose query may hold secrets.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class SessionExceptionHandler {

	private static final Log logger = LogFactory.getLog(SessionExceptionHandler.class);

	private static final String API_PACKAGE = SessionException.class.getPackageName() + ".";

	private final Duration retryAfter;

	/**
	 * Creates the handler.
	 * @param retryAfter the {@code Retry-After} of a {@code 503} answer; at least one
	 * second
	 */
	public SessionExceptionHandler(Duration retryAfter) {
		Assert.isTrue(retryAfter != null && retryAfter.getSeconds() >= 1, "Retry-After must be at least 1s");
		this.retryAfter = retryAfter;
	}

	/**
	 * Answers an unknown, expired or unregistered session.
	 * @param ex the error
	 * @return a {@code 404} problem naming the session
	 */
	@ExceptionHandler
	public ResponseEntity<ProblemDetail> sessionNotFound(SessionNotFoundException ex) {
		return respond(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage()), ex);
	}

	/**
	 * Answers a registration with an id that is taken.
	 * @param ex the error
	 * @return a {@code 409} problem naming the session
	 */
	@ExceptionHandler
	public ResponseEntity<ProblemDetail> sessionExists(SessionExistsException ex) {
		return respond(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage()), ex);
	}

	/**
	 * Answers bad input rejected by the session API, whose message says what is wrong.
	 * @param ex the error
	 * @return a {@code 400} problem
	 * @throws IllegalArgumentException the same exception if it does not come from the
	 * session API, which leaves it to the application's other error handling
	 */
	@ExceptionHandler
	public ResponseEntity<ProblemDetail> badInput(IllegalArgumentException ex) {
		if (!thrownBySessionApi(ex)) {
			throw ex;
		}
		return respond(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage()), null);
	}

	/**
	 * Answers while the store's backend cannot be reached.
	 * @param ex the error
	 * @return a {@code 503} problem with {@code Retry-After}
	 */
	@ExceptionHandler
	public ResponseEntity<ProblemDetail> storeUnavailable(StoreUnavailableException ex) {
		Throwable cause = ex.getCause();
		logger.warn("Session store unavailable: " + ex.getMessage() + ((cause != null) ? " (" + cause + ")" : ""));
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"Session store is unavailable; retry later");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(this.retryAfter.getSeconds()))
			.body(problem);
	}

	/**
	 * Answers a request that reached the store after it closed, as happens while the
	 * application shuts down: the client retries, and reaches another instance.
	 * @param ex the error
	 * @return a {@code 503} problem with {@code Retry-After}
	 */
	@ExceptionHandler
	public ResponseEntity<ProblemDetail> storeClosed(StoreClosedException ex) {
		logger.debug("Session store closed: " + ex.getMessage());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"Session store is shutting down; retry later");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(this.retryAfter.getSeconds()))
			.body(problem);
	}

	// The session API signals bad input as a plain IllegalArgumentException (its
	// documented contract), so where it was thrown is what tells it from an application's
	// own: the first frame outside the JDK and Spring's Assert must be a class of the
	// session API
	static boolean thrownBySessionApi(IllegalArgumentException ex) {
		for (StackTraceElement frame : ex.getStackTrace()) {
			String className = frame.getClassName();
			if (!className.startsWith("java.") && !className.startsWith("jdk.")
					&& !className.equals("org.springframework.util.Assert")) {
				return className.startsWith(API_PACKAGE);
			}
		}
		return false;
	}

	private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem, @Nullable SessionException ex) {
		if (ex != null) {
			problem.setProperty("sessionId", ex.getSessionId());
		}
		// Set explicitly so that the problem is written as JSON even to a client that
		// accepts only text/event-stream
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
