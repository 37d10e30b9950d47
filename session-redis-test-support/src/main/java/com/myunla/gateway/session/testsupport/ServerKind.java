package com.myunla.gateway.session.testsupport;

import org.jspecify.annotations.Nullable;

/**
 * Which server a group's processes run: Redis, or Valkey (a fork of Redis that speaks the
 * same protocol and takes the same configuration). {@link RedisBinaries} resolves a kind
 * to its executables.
 */
public enum ServerKind {

	/**
	 * Redis: {@code redis-server} and {@code redis-cli}, looked up on the {@code PATH},
	 * then in {@code /usr/bin} and {@code /usr/local/bin}.
	 */
	REDIS("Redis", "redis-server", "redis-cli", null, "install Redis to run these tests"),

	/**
	 * Valkey: {@code valkey-server} and {@code valkey-cli}, looked up first in the
	 * directory named by the environment variable {@value #VALKEY_HOME_VARIABLE} (the
	 * {@code src} directory of a Valkey build), then on the {@code PATH}, in
	 * {@code /usr/bin} and {@code /usr/local/bin}.
	 */
	VALKEY("Valkey", "valkey-server", "valkey-cli", ServerKind.VALKEY_HOME_VARIABLE,
			"set " + ServerKind.VALKEY_HOME_VARIABLE + " to the src directory of a Valkey build "
					+ "(.ci/run builds Valkey 8.0.1 from source and sets it)");

	/**
	 * The environment variable naming the directory that holds {@code valkey-server} and
	 * {@code valkey-cli}, such as the {@code src} directory of a Valkey build.
	 */
	public static final String VALKEY_HOME_VARIABLE = "SESSION_VALKEY_HOME";

	private final String displayName;

	private final String server;

	private final String cli;

	private final @Nullable String homeVariable;

	private final String howToProvide;

	ServerKind(String displayName, String server, String cli, @Nullable String homeVariable, String howToProvide) {
		this.displayName = displayName;
		this.server = server;
		this.cli = cli;
		this.homeVariable = homeVariable;
		this.howToProvide = howToProvide;
	}

	/**
	 * Returns the server's name as messages use it.
	 * @return {@code Redis} or {@code Valkey}
	 */
	public String displayName() {
		return this.displayName;
	}

	/**
	 * Returns the file name of the server executable.
	 * @return {@code redis-server} or {@code valkey-server}
	 */
	public String server() {
		return this.server;
	}

	/**
	 * Returns the file name of the command line client.
	 * @return {@code redis-cli} or {@code valkey-cli}
	 */
	public String cli() {
		return this.cli;
	}

	/**
	 * Returns the environment variable that names a directory searched before the
	 * {@code PATH}, if this kind has one.
	 * @return the variable's name, or {@code null}
	 */
	public @Nullable String homeVariable() {
		return this.homeVariable;
	}

	/**
	 * Returns what to do where the executables are missing, for messages.
	 * @return the advice
	 */
	String howToProvide() {
		return this.howToProvide;
	}

	/**
	 * Returns where the executables are looked up, for messages.
	 * @return the places, in the order they are searched
	 */
	String searchedPlaces() {
		String standard = "the PATH, /usr/bin or /usr/local/bin";
		return (this.homeVariable != null) ? "$" + this.homeVariable + ", " + standard : standard;
	}

}
