package com.myunla.gateway.sample.mcp;

import com.myunla.gateway.sample.SampleProperties;
import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.web.SessionServerSentEvents;
import io.modelcontextprotocol.json.McpJsonDefaults;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the MCP server of the sample: its tools and the SDK's stateless server behind
 * both transports.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(McpProperties.class)
class McpConfiguration {

	@Bean
	JsonRpcMessages jsonRpcMessages(SampleProperties properties) {
		return new JsonRpcMessages(McpJsonDefaults.getMapper(), (int) properties.maxMessageSize().toBytes());
	}

	// The interval of the sample's other event streams (session.web.keep-alive)
	@Bean
	McpStreams mcpStreams(JsonRpcMessages messages, SessionServerSentEvents events) {
		return new McpStreams(messages, events);
	}

	@Bean
	McpServers mcpServers(Store store, JsonRpcMessages messages, McpProperties properties) {
		return new McpServers(messages, new McpTools(store, messages, properties.instanceId()).specifications());
	}

	@Bean
	OriginFilter mcpOriginFilter(McpProperties properties) {
		return new OriginFilter(properties.allowedOrigins());
	}

}
