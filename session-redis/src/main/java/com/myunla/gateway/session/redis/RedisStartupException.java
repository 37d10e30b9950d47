package com.myunla.gateway.session.redis;

/**
 * Thrown when a {@link RedisStore} cannot start because Redis cannot be reached, refuses
 * the credentials, or refuses the Lua scripting the store runs on. The message names the
 * Redis deployment (its mode and addresses) and the error Redis or the network gave.
 *
 * @since 0.1.0
 */
public class RedisStartupException extends IllegalStateException {

	private final String target;

	private final Reason reason;

	/**
	 * Creates the exception for an unreachable Redis or refused credentials.
	 * @param message what went wrong
	 * @param target the Redis deployment, such as {@code "single mode, 127.0.0.1:6379"}
	 * @param authenticationFailure whether Redis refused the credentials
	 * @param cause the error of the last attempt
	 */
	public RedisStartupException(String message, String target, boolean authenticationFailure, Throwable cause) {
		this(message, target, authenticationFailure ? Reason.AUTHENTICATION : Reason.UNREACHABLE, cause);
	}

	/**
	 * Creates the exception.
	 * @param message what went wrong
	 * @param target the Redis deployment, such as {@code "single mode, 127.0.0.1:6379"}
	 * @param reason why the store could not start
	 * @param cause the error Redis or the network gave
	 */
	public RedisStartupException(String message, String target, Reason reason, Throwable cause) {
		super(message, cause);
		this.target = target;
		this.reason = reason;
	}

	/**
	 * Returns the Redis deployment the store tried.
	 * @return for example {@code "single mode, 127.0.0.1:6379, db 0"}
	 */
	public String getTarget() {
		return this.target;
	}

	/**
	 * Returns why the store could not start.
	 * @return the reason
	 */
	public Reason getReason() {
		return this.reason;
	}

	/**
	 * Returns whether Redis refused the credentials, rather than not being reachable.
	 * @return whether the username or password is wrong
	 */
	public boolean isAuthenticationFailure() {
		return this.reason == Reason.AUTHENTICATION;
	}

	/**
	 * Why a store could not start.
	 */
	public enum Reason {

		/** Redis could not be reached, or did not answer. */
		UNREACHABLE,

		/** Redis refused the username or password. */
		AUTHENTICATION,

		/**
		 * Redis refused Lua scripting ({@code EVAL}, {@code EVALSHA}, {@code SCRIPT}):
		 * the commands are renamed or disabled, or the server runs without Lua.
		 */
		SCRIPTING

	}

}
