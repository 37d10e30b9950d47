package com.myunla.gateway.session;

import com.myunla.gateway.session.spi.UntrustedText;

/**
 * Signalled by {@link Store#register(Meta)} when a session with the same id is already
 * registered.
 */
public class SessionExistsException extends SessionException {

	/**
	 * Creates the exception.
	 * @param sessionId the id that is taken
	 */
	public SessionExistsException(String sessionId) {
		super(sessionId, "Session '" + UntrustedText.printable(sessionId) + "' already exists");
	}

}
