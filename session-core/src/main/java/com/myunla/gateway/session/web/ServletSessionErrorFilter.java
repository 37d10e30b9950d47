package com.myunla.gateway.session.web;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.Assert;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Answers the session store's errors signalled by Spring MVC functional endpoints as
 * {@link SessionExceptionHandler} answers those of controllers, with problem details:
 *
 * <pre class="code">
 * RouterFunctions.route()
 * 	.GET("/sessions/{id}", (request) -&gt; ...)
 * 	.filter(sessionErrorFilter)
 * 	.build();
 * </pre>
 *
 * It answers errors thrown by a handler function and, through Spring MVC's
 * {@link HandlerFilterFunction#ofErrorHandler error handling}, those of an asynchronous
 * response ({@code ServerResponse.async(...)}). Other errors pass through unchanged.
 */
public final class ServletSessionErrorFilter implements HandlerFilterFunction<ServerResponse, ServerResponse> {

	private final HandlerFilterFunction<ServerResponse, ServerResponse> delegate;

	/**
	 * Creates the filter.
	 * @param handler the handler whose answers the filter gives
	 */
	public ServletSessionErrorFilter(SessionExceptionHandler handler) {
		Assert.notNull(handler, "Handler must not be null");
		this.delegate = HandlerFilterFunction.ofErrorHandler(handler::handles, (ex, request) -> {
			ResponseEntity<ProblemDetail> answer = handler.handle(ex);
			return ServerResponse.status(answer.getStatusCode())
				.headers((headers) -> headers.addAll(answer.getHeaders()))
				.body(answer.getBody());
		});
	}

	@Override
	public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
		return this.delegate.filter(request, next);
	}

}
