package com.myunla.gateway.session.testsupport;

/**
 * Thrown when a Redis process answers a command of this package with an error reply, for
 * example {@code WRONGPASS} or {@code ERR unknown command}.
 */
public final class RedisCommandException extends RuntimeException {

	private final String address;

	private final String command;

	private final String reply;

	RedisCommandException(String address, String command, String reply) {
		super(address + " replied to " + command + ": " + reply);
		this.address = address;
		this.command = command;
		this.reply = reply;
	}

	/**
	 * Returns the address of the process that replied.
	 * @return {@code host:port}
	 */
	public String address() {
		return this.address;
	}

	/**
	 * Returns the name of the command that failed, without its arguments (which may hold
	 * a password).
	 * @return the command name, for example {@code AUTH}
	 */
	public String command() {
		return this.command;
	}

	/**
	 * Returns the error reply.
	 * @return the reply, starting with its error code, for example
	 * {@code NOAUTH Authentication required.}
	 */
	public String reply() {
		return this.reply;
	}

}
