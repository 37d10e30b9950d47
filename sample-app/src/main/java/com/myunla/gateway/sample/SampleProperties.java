package com.myunla.gateway.sample;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the sample gateway, bound from {@code sample.*}.
 *
 * @param maxMessageSize largest request body accepted by {@code POST /message}
 */
@ConfigurationProperties("sample")
public record SampleProperties(@DefaultValue("64KB") DataSize maxMessageSize) {

	/**
	 * Creates the settings.
	 * @throws IllegalArgumentException if the size is not positive or exceeds 2 GB
	 */
	public SampleProperties {
		if (maxMessageSize.toBytes() <= 0 || maxMessageSize.toBytes() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException(
					"sample.max-message-size must be between 1B and 2GB, was " + maxMessageSize);
		}
	}

}
