package com.myunla.gateway.sample;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;

import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Ends a request whose connection closed before its body was read, as when the server shuts down while a
 * client is still sending: nobody is left to answer, and Spring would otherwise log it as a {@code 500} with a
 * stack trace.
 */
@RestControllerAdvice
public class ClosedConnectionHandler {

	private static final Log logger = LogFactory.getLog(ClosedConnectionHandler.class);

	/**
	 * Answers nothing to a request whose connection is gone.
	 * @param ex the error
	 * @return nothing
	 */
	@ExceptionHandler
	public Mono<Void> connectionClosed(AbortedException ex) {
		logger.debug("Connection closed before the request was read", ex);
		return Mono.empty();
	}

}
