package com.myunla.gateway.session.web;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Answers the session store's errors signalled by WebFlux functional endpoints as
 * {@link SessionExceptionHandler} answers those of controllers, with problem details:
 *
 * <pre class="code">
 * RouterFunctions.route()
 * 	.GET("/sessions/{id}", (request) -&gt; ...)
 * 	.filter(sessionErrorFilter)
 * 	.build();
 * </pre>
 *
 * Other errors pass through unchanged.
 */
public final class ReactiveSessionErrorFilter implements HandlerFilterFunction<ServerResponse, ServerResponse> {

	private final SessionExceptionHandler handler;

	/**
	 * Creates the filter.
	 * @param handler the handler whose answers the filter gives
	 */
	public ReactiveSessionErrorFilter(SessionExceptionHandler handler) {
		Assert.notNull(handler, "Handler must not be null");
		this.handler = handler;
	}

	@Override
	public Mono<ServerResponse> filter(ServerRequest request, HandlerFunction<ServerResponse> next) {
		return Mono.defer(() -> next.handle(request)).onErrorResume(this.handler::handles, (ex) -> {
			ResponseEntity<ProblemDetail> answer = this.handler.handle(ex);
			return ServerResponse.status(answer.getStatusCode())
				.headers((headers) -> headers.addAll(answer.getHeaders()))
				.bodyValue(answer.getBody());
		});
	}

}
