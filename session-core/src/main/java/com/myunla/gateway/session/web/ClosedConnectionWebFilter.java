package com.myunla.gateway.session.web;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.util.context.ContextView;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.ClassUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Ends a WebFlux request whose client closed the connection before the request was
 * handled, for example while it was still sending the body (as when a gateway shuts down
 * under load): nobody is left to answer, and WebFlux would otherwise log it as a
 * {@code 500 Server Error} with a stack trace. It is logged at debug level instead,
 * without a stack trace.
 *
 * <p>
 * Only errors that no exception handler resolved and that Spring itself classifies as a
 * client that went away
 * ({@link DisconnectedClientHelper#isClientDisconnectedException(Throwable)}) end this
 * way; every other error goes on to the application's error handling as before.
 *
 * <p>
 * On Reactor Netty the filter also tells the {@link SessionServerSentEvents event
 * streams} of the request when its connection closes, so that they end then, whatever
 * became of the response: WebFlux does not cancel a response body whose connection closed
 * before its first write, and such a stream would otherwise stay subscribed, and keep its
 * session alive, for good.
 */
public class ClosedConnectionWebFilter implements WebFilter, Ordered {

	/**
	 * Key of the request's context entry: a {@code Mono<Void>} that completes when the
	 * request's connection closes.
	 */
	static final String CONNECTION_CLOSED = ClosedConnectionWebFilter.class.getName() + ".CONNECTION_CLOSED";

	private static final Log logger = LogFactory.getLog(ClosedConnectionWebFilter.class);

	private static final boolean reactorNettyPresent = ClassUtils.isPresent("reactor.netty.Connection",
			ClosedConnectionWebFilter.class.getClassLoader());

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		Mono<Void> handled = chain.filter(exchange)
			.onErrorResume(DisconnectedClientHelper::isClientDisconnectedException, (ex) -> {
				if (logger.isDebugEnabled()) {
					logger.debug("Connection closed before the request was read: " + ex);
				}
				return Mono.empty();
			});
		Mono<Void> closed = reactorNettyPresent ? ReactorNettyConnections.closed(exchange.getRequest()) : null;
		return (closed != null) ? handled.contextWrite((context) -> context.put(CONNECTION_CLOSED, closed)) : handled;
	}

	/**
	 * Runs first, so that it sees what every other filter and handler left unresolved.
	 * @return {@link Ordered#HIGHEST_PRECEDENCE}
	 */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	/**
	 * Returns what the filter put in a request's context: a {@code Mono} that completes
	 * when the request's connection closes.
	 * @param context the context of a subscriber within the request's handling
	 * @return the signal, or {@code null} outside such a request
	 */
	@SuppressWarnings("unchecked")
	static @Nullable Mono<Void> connectionClosed(ContextView context) {
		return (Mono<Void>) context.getOrDefault(CONNECTION_CLOSED, null);
	}

	/**
	 * Reactor Netty's side, in a class of its own so that the filter loads without it.
	 */
	private static final class ReactorNettyConnections {

		static @Nullable Mono<Void> closed(ServerHttpRequest request) {
			// the outermost request: this filter runs first, before anyone decorates it
			if (request instanceof AbstractServerHttpRequest serverRequest) {
				try {
					// the channel's close future: it completes as soon as the channel
					// closes, and its listener goes with the subscription
					return (serverRequest.getNativeRequest() instanceof Connection connection) ? connection.onDispose()
							: null;
				}
				catch (IllegalStateException ex) {
					// a mock request, which has no native request and no connection
					return null;
				}
			}
			return null;
		}

	}

}
