package com.myunla.gateway.session.autoconfigure;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import com.myunla.gateway.session.Redaction;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.web.ErrorProperties;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.webflux.autoconfigure.error.DefaultErrorWebExceptionHandler;
import org.springframework.boot.webflux.error.ErrorAttributes;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Spring Boot's error handler of a WebFlux application, whose {@code 500} log line names
 * the request's query with the values of the query parameters a {@link Redaction} calls
 * secret replaced by {@value Redaction#REDACTED}. Spring Boot's own logs the whole query,
 * which often carries a token (an {@code EventSource} cannot send headers), and so does
 * the trace Reactor adds to the logged exception (WebFlux's checkpoint
 * {@code HTTP POST "/path?query" [ExceptionHandlingWebHandler]}): a logged exception that
 * carries such a trace is replaced, in the log only, by a copy whose traces are redacted
 * alike. Everything else is Spring Boot's: the answers, and what is logged at
 * {@code DEBUG}.
 */
public class QueryRedactingErrorWebExceptionHandler extends DefaultErrorWebExceptionHandler {

	private static final Log logger = LogFactory.getLog(QueryRedactingErrorWebExceptionHandler.class);

	private final Redaction redaction;

	/**
	 * Creates the handler.
	 * @param errorAttributes the error attributes
	 * @param resources the resources configuration properties
	 * @param errorProperties the error configuration properties
	 * @param applicationContext the current application context
	 * @param redaction the query parameters whose values stay out of the log
	 */
	public QueryRedactingErrorWebExceptionHandler(ErrorAttributes errorAttributes, WebProperties.Resources resources,
			ErrorProperties errorProperties, ApplicationContext applicationContext, Redaction redaction) {
		super(errorAttributes, resources, errorProperties, applicationContext);
		this.redaction = redaction;
	}

	@Override
	protected void logError(ServerRequest request, ServerResponse response, Throwable throwable) {
		String rawQuery = request.uri().getRawQuery();
		String query = (rawQuery != null) ? redact(rawQuery) : null;
		if (rawQuery == null || rawQuery.equals(query)) {
			super.logError(request, response, throwable);
			return;
		}
		if (logger.isDebugEnabled()) {
			logger.debug(request.exchange().getLogPrefix() + "Resolved [" + throwable.getClass().getSimpleName() + ": "
					+ throwable.getMessage() + "] for HTTP " + request.method() + " " + request.path());
		}
		if (response.statusCode().value() == HttpStatus.INTERNAL_SERVER_ERROR.value()) {
			logger.error(request.exchange().getLogPrefix() + "500 Server Error for HTTP " + request.method() + " \""
					+ request.path() + "?" + query + "\"", RedactedTraces.of(throwable, rawQuery, query));
		}
	}

	/**
	 * Returns the raw query with the values of secret parameters replaced.
	 * @param rawQuery the query as the request carries it
	 * @return the query to log
	 */
	String redact(String rawQuery) {
		StringBuilder redacted = new StringBuilder(rawQuery.length());
		for (String parameter : rawQuery.split("&", -1)) {
			if (!redacted.isEmpty()) {
				redacted.append('&');
			}
			int equals = parameter.indexOf('=');
			String name = (equals >= 0) ? parameter.substring(0, equals) : parameter;
			if (equals >= 0 && this.redaction.isSecretQuery(decode(name))) {
				redacted.append(name).append('=').append(Redaction.REDACTED);
			}
			else {
				redacted.append(parameter);
			}
		}
		return redacted.toString();
	}

	private static String decode(String name) {
		try {
			return URLDecoder.decode(name, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return name;
		}
	}

	/**
	 * A logged exception's stand-in, for one whose suppressed traces name the raw query:
	 * the same message, stack and cause, and the suppressed traces with the query
	 * redacted. A {@code Throwable}'s suppressed exceptions cannot be changed, hence the
	 * copy.
	 */
	static final class RedactedTraces extends RuntimeException {

		private RedactedTraces(String message, @Nullable Throwable cause) {
			super(message, cause);
		}

		static Throwable of(Throwable throwable, String rawQuery, String query) {
			boolean named = false;
			for (Throwable suppressed : throwable.getSuppressed()) {
				named |= String.valueOf(suppressed.getMessage()).contains(rawQuery);
			}
			if (!named) {
				return throwable;
			}
			RedactedTraces copy = new RedactedTraces(throwable.toString(), throwable.getCause());
			copy.setStackTrace(throwable.getStackTrace());
			for (Throwable suppressed : throwable.getSuppressed()) {
				String message = String.valueOf(suppressed.getMessage());
				if (message.contains(rawQuery)) {
					RedactedTraces trace = new RedactedTraces(message.replace(rawQuery, query), null);
					trace.setStackTrace(suppressed.getStackTrace());
					copy.addSuppressed(trace);
				}
				else {
					copy.addSuppressed(suppressed);
				}
			}
			return copy;
		}

	}

}
