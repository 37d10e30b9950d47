package com.myunla.gateway.sample.mcp;

import java.util.List;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessAsyncServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.AsyncToolSpecification;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.ProtocolVersions;

/**
 * The SDK's stateless MCP server, once per transport because each transport speaks other
 * protocol revisions: Streamable HTTP those from 2025-03-26 on, HTTP+SSE only 2024-11-05.
 * Both serve the same tools.
 */
final class McpServers implements AutoCloseable {

	/** Protocol revisions of the Streamable HTTP transport, oldest first. */
	static final List<String> STREAMABLE_HTTP_VERSIONS = List.of(ProtocolVersions.MCP_2025_03_26,
			ProtocolVersions.MCP_2025_06_18, ProtocolVersions.MCP_2025_11_25);

	/** Protocol revisions of the HTTP+SSE transport. */
	static final List<String> HTTP_SSE_VERSIONS = List.of(ProtocolVersions.MCP_2024_11_05);

	private final HandlerTransport streamableHttp = new HandlerTransport(STREAMABLE_HTTP_VERSIONS);

	private final HandlerTransport httpSse = new HandlerTransport(HTTP_SSE_VERSIONS);

	private final List<McpStatelessAsyncServer> servers;

	McpServers(JsonRpcMessages messages, List<AsyncToolSpecification> tools) {
		this.servers = List.of(build(this.streamableHttp, messages, tools), build(this.httpSse, messages, tools));
	}

	private static McpStatelessAsyncServer build(HandlerTransport transport, JsonRpcMessages messages,
			List<AsyncToolSpecification> tools) {
		return McpServer.async(transport)
			.serverInfo("session-sample", "1.0.0")
			.jsonMapper(messages.mapper())
			.capabilities(ServerCapabilities.builder().tools(false).logging().build())
			.tools(tools)
			.build();
	}

	McpStatelessServerHandler streamableHttp() {
		return this.streamableHttp.handler();
	}

	McpStatelessServerHandler httpSse() {
		return this.httpSse.handler();
	}

	@Override
	public void close() {
		this.servers.forEach(McpStatelessAsyncServer::close);
	}

}
