package com.myunla.gateway.session.web;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
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
 */
public class ClosedConnectionWebFilter implements WebFilter, Ordered {

	private static final Log logger = LogFactory.getLog(ClosedConnectionWebFilter.class);

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return chain.filter(exchange).onErrorResume(DisconnectedClientHelper::isClientDisconnectedException, (ex) -> {
			if (logger.isDebugEnabled()) {
				logger.debug("Connection closed before the request was read: " + ex);
			}
			return Mono.empty();
		});
	}

	/**
	 * Runs first, so that it sees what every other filter and handler left unresolved.
	 * @return {@link Ordered#HIGHEST_PRECEDENCE}
	 */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
