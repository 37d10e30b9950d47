package com.myunla.gateway.session;

/**
 * Base class of the errors a store signals about one session. Each carries the session's
 * id.
 */
public abstract class SessionException extends RuntimeException {

	private final String sessionId;

	/**
	 * Creates the exception.
	 * @param sessionId the id of the session concerned
	 * @param message the detail message
	 */
	protected SessionException(String sessionId, String message) {
		super(message);
		this.sessionId = sessionId;
	}

	/**
	 * Returns the id of the session concerned.
	 * @return the session id
	 */
	public String getSessionId() {
		return this.sessionId;
	}

}
