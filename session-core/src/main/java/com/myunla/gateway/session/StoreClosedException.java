package com.myunla.gateway.session;

/**
 * Signalled by every operation of a store that has been closed, for example by a request
 * that reaches an instance while its application shuts down. Nothing was done: the
 * operation may be retried on another instance. It is an {@link IllegalStateException},
 * as the {@link Store} contract states for a closed store.
 */
public class StoreClosedException extends IllegalStateException {

	/**
	 * Creates the exception.
	 * @param message which store is closed
	 */
	public StoreClosedException(String message) {
		super(message);
	}

}
