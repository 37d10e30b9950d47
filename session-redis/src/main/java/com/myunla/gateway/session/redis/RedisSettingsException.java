package com.myunla.gateway.session.redis;

import java.util.List;

/**
 * Thrown by {@link RedisStoreBuilder} when connection settings do not fit together, such
 * as two addresses in single mode or sentinel mode without a master name. It names the
 * builder's settings at fault, so that whoever mapped them from a configuration of its
 * own can name that configuration's keys.
 *
 * @since 0.1.0
 */
public class RedisSettingsException extends IllegalArgumentException {

	private final List<String> settings;

	/**
	 * Creates the exception.
	 * @param message what is wrong
	 * @param settings the names of the builder's settings at fault, such as
	 * {@code "addresses"} and {@code "mode"}
	 */
	public RedisSettingsException(String message, List<String> settings) {
		super(message);
		this.settings = List.copyOf(settings);
	}

	/**
	 * Returns the builder's settings at fault, by the names of the builder's methods.
	 * @return for example {@code ["addresses", "mode"]}
	 */
	public List<String> getSettings() {
		return this.settings;
	}

}
