package com.myunla.gateway.session.testsupport;

import org.jspecify.annotations.Nullable;

/**
 * How the Redis processes of a group accept clients: with or without a password, with or
 * without a named ACL user, over plain TCP or TLS.
 *
 * <p>
 * With a password, clients must authenticate: the default user takes the password, and
 * with a username an ACL user of that name takes the same password and every permission.
 * A wrong password is refused. With TLS, the processes listen for TLS only, with a server
 * certificate for {@code 127.0.0.1} and {@code localhost} issued by a throw-away CA whose
 * certificate the group exposes.
 *
 * @param username the ACL user that clients may authenticate as, or {@code null} for the
 * default user only
 * @param password the password clients must give, or {@code null} for none
 * @param tls whether the processes listen for TLS instead of plain TCP
 */
public record RedisOptions(@Nullable String username, @Nullable String password, boolean tls) {

	private static final RedisOptions DEFAULTS = new RedisOptions(null, null, false);

	/**
	 * Creates options.
	 * @throws IllegalArgumentException if a username is given without a password, or if
	 * the username or password is empty or holds whitespace, quotes or control characters
	 * (they would need escaping in the generated configuration files)
	 */
	public RedisOptions {
		if (username != null && password == null) {
			throw new IllegalArgumentException("Redis user '" + username + "' needs a password");
		}
		checkToken("username", username);
		checkToken("password", password);
	}

	/**
	 * Returns the options of a plain TCP Redis without authentication.
	 * @return the default options
	 */
	public static RedisOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Returns a copy that requires the given password of the default user.
	 * @param password the password
	 * @return the new options
	 */
	public RedisOptions withPassword(String password) {
		return new RedisOptions(this.username, password, this.tls);
	}

	/**
	 * Returns a copy that adds an ACL user with the given password; the default user
	 * takes the same password.
	 * @param username the ACL user name
	 * @param password the password
	 * @return the new options
	 */
	public RedisOptions withUser(String username, String password) {
		return new RedisOptions(username, password, this.tls);
	}

	/**
	 * Returns a copy that listens for TLS instead of plain TCP.
	 * @return the new options
	 */
	public RedisOptions withTls() {
		return new RedisOptions(this.username, this.password, true);
	}

	private static void checkToken(String what, @Nullable String value) {
		if (value == null) {
			return;
		}
		if (value.isEmpty() || value.chars().anyMatch((c) -> c <= ' ' || c == '"' || c == '\'' || c == 127)) {
			throw new IllegalArgumentException(
					"Redis " + what + " must be non-empty and free of whitespace, quotes and control characters");
		}
	}

	@Override
	public String toString() {
		return "RedisOptions[username=" + this.username + ", password=" + ((this.password != null) ? "****" : null)
				+ ", tls=" + this.tls + "]";
	}

}
