package com.myunla.gateway.session.autoconfigure;

import java.util.List;

/**
 * Thrown when the Redis store's connection settings do not fit together, naming the
 * {@code session.redis.*} properties to change where the settings came from them.
 */
class InvalidSessionRedisSettingsException extends IllegalStateException {

	private final List<String> properties;

	private final String source;

	InvalidSessionRedisSettingsException(String message, String source, List<String> properties, Throwable cause) {
		super(message, cause);
		this.source = source;
		this.properties = List.copyOf(properties);
	}

	/**
	 * Returns the properties whose values do not fit, empty if the settings did not come
	 * from properties or the fault cannot be tied to some of them.
	 */
	List<String> getProperties() {
		return this.properties;
	}

	/**
	 * Returns where the settings came from: the {@code session.redis} settings or a
	 * connection details bean.
	 */
	String getSource() {
		return this.source;
	}

}
