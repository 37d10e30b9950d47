package com.myunla.gateway.session.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * TLS settings of the Redis connection.
 */
public class SessionRedisSslProperties {

	/**
	 * Whether to connect to Redis over TLS; enabled automatically when a bundle is set.
	 */
	private @Nullable Boolean enabled;

	/**
	 * Name of the SSL bundle (spring.ssl.bundle.*) holding the trust material, and the
	 * client key for mutual TLS.
	 */
	private @Nullable String bundle;

	/**
	 * Returns whether TLS is enabled: explicitly, or by naming a bundle.
	 * @return whether TLS is enabled
	 */
	public boolean isEnabled() {
		return (this.enabled != null) ? this.enabled : this.bundle != null;
	}

	/**
	 * Sets whether TLS is enabled.
	 * @param enabled whether TLS is enabled
	 */
	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Returns the SSL bundle name.
	 * @return the bundle name, or {@code null} for the JVM's default trust store
	 */
	public @Nullable String getBundle() {
		return this.bundle;
	}

	/**
	 * Sets the SSL bundle name.
	 * @param bundle the bundle name
	 */
	public void setBundle(@Nullable String bundle) {
		this.bundle = bundle;
	}

}
