package com.myunla.gateway.sample;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the sample gateway, bound from {@code sample.*}.
 *
 * @param keepAlive interval between keep-alive comments on an open event stream, so that proxies and load
 * balancers do not close an idle stream
 * @param maxMessageSize largest request body accepted by {@code POST /message}
 */
@ConfigurationProperties("sample")
public record SampleProperties(@DefaultValue("15s") Duration keepAlive, @DefaultValue("64KB") DataSize maxMessageSize) {

	/**
	 * Creates the settings.
	 * @throws IllegalArgumentException if the interval or the size is not positive, or the size exceeds 2 GB
	 */
	public SampleProperties {
		if (keepAlive.isNegative() || keepAlive.isZero()) {
			throw new IllegalArgumentException("sample.keep-alive must be positive, was " + keepAlive);
		}
		if (maxMessageSize.toBytes() <= 0 || maxMessageSize.toBytes() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException(
					"sample.max-message-size must be between 1B and 2GB, was " + maxMessageSize);
		}
	}

}
