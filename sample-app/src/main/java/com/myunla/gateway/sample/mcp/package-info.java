/**
 * MCP endpoints of the sample gateway: the Streamable HTTP transport at {@code /mcp} and
 * the older HTTP+SSE transport at {@code /mcp/sse} and {@code /mcp/message}. The MCP Java
 * SDK speaks the protocol; sessions, their streams and the delivery of server-to-client
 * messages across instances are the session store's.
 */
@NullMarked
package com.myunla.gateway.sample.mcp;

import org.jspecify.annotations.NullMarked;
