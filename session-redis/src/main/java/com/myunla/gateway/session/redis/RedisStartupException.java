package com.myunla.gateway.session.redis;

/**
 * Thrown when a {@link RedisStore} cannot start because Redis cannot be reached or
 * refuses the credentials. The message names the Redis deployment (its mode and
 * addresses) and the error Redis or the network gave.
 *
 * @since 0.1.0
 */
public class RedisStartupException extends IllegalStateException {

	private final String target;

	private final boolean authenticationFailure;

	/**
	 * Creates the exception.
	 * @param message what went wrong
	 * @param target the Redis deployment, such as {@code "single mode, 127.0.0.1:6379"}
	 * @param authenticationFailure whether Redis refused the credentials
	 * @param cause the error of the last attempt
	 */
	public RedisStartupException(String message, String target, boolean authenticationFailure, Throwable cause) {
		super(message, cause);
		this.target = target;
		this.authenticationFailure = authenticationFailure;
	}

	/**
	 * Returns the Redis deployment the store tried.
	 * @return for example {@code "single mode, 127.0.0.1:6379, db 0"}
	 */
	public String getTarget() {
		return this.target;
	}

	/**
	 * Returns whether Redis refused the credentials, rather than not being reachable.
	 * @return whether the username or password is wrong
	 */
	public boolean isAuthenticationFailure() {
		return this.authenticationFailure;
	}

}
