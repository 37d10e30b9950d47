package com.myunla.gateway.sample.mcp;

import java.util.List;

import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The transport the SDK's stateless server is built on: it only receives the server's
 * handler and names the protocol revisions the endpoint speaks. The HTTP side is the
 * controllers', because the SDK's own transports keep sessions and streams in the memory
 * of one instance, which is what the session store replaces.
 */
final class HandlerTransport implements McpStatelessServerTransport {

	private final List<String> protocolVersions;

	private volatile @Nullable McpStatelessServerHandler handler;

	HandlerTransport(List<String> protocolVersions) {
		this.protocolVersions = List.copyOf(protocolVersions);
	}

	@Override
	public void setMcpHandler(McpStatelessServerHandler handler) {
		this.handler = handler;
	}

	McpStatelessServerHandler handler() {
		McpStatelessServerHandler handler = this.handler;
		if (handler == null) {
			throw new IllegalStateException("No MCP server was built on this transport");
		}
		return handler;
	}

	@Override
	public List<String> protocolVersions() {
		return this.protocolVersions;
	}

	@Override
	public Mono<Void> closeGracefully() {
		return Mono.empty();
	}

}
