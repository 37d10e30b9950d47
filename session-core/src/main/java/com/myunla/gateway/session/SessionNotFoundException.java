package com.myunla.gateway.session;

import com.myunla.gateway.session.spi.UntrustedText;

/**
 * Signalled when a session is unknown: never registered, unregistered, or expired.
 */
public class SessionNotFoundException extends SessionException {

	/**
	 * Creates the exception.
	 * @param sessionId the id that was looked up
	 */
	public SessionNotFoundException(String sessionId) {
		super(sessionId, "Session '" + UntrustedText.printable(sessionId) + "' not found");
	}

}
