package com.myunla.gateway.session;

/**
 * Signalled when a store's backend cannot be reached or does not answer in time, for
 * example while Redis is down or failing over. The operation's outcome is unknown: a send
 * that failed this way may still have been stored. Retrying is safe for every operation
 * but {@link Store#register(Meta)}, which may then signal {@link SessionExistsException}
 * for a registration that did succeed.
 */
public class StoreUnavailableException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what failed and where
	 * @param cause the underlying error
	 */
	public StoreUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
