package com.myunla.gateway.sample.mcp;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the sample's MCP endpoints, bound from {@code sample.mcp.*}.
 *
 * @param instanceId name of this instance, as the {@code whoami} tool reports it; a
 * random one when empty
 * @param retry reconnection delay that Streamable HTTP streams of protocol revision
 * 2025-11-25 and later announce in their priming event
 * @param allowedOrigins origins, such as {@code https://app.example.com}, whose browser
 * pages may call the MCP endpoints besides pages served from {@code localhost},
 * {@code 127.0.0.1} or {@code [::1]}; requests without an {@code Origin} header are
 * always allowed
 */
@ConfigurationProperties("sample.mcp")
public record McpProperties(@DefaultValue("") String instanceId, @DefaultValue("1s") Duration retry,
		@DefaultValue List<String> allowedOrigins) {

	/**
	 * Creates the settings, choosing a random instance id when none is given.
	 * @throws IllegalArgumentException if the retry delay is negative
	 */
	public McpProperties {
		if (instanceId.isBlank()) {
			instanceId = UUID.randomUUID().toString().substring(0, 8);
		}
		if (retry.isNegative()) {
			throw new IllegalArgumentException("sample.mcp.retry must not be negative, was " + retry);
		}
		allowedOrigins = List.copyOf(allowedOrigins);
	}

}
