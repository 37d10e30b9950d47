package com.myunla.gateway.sample.mcp;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Answers {@code 403 Forbidden} to a request for an MCP endpoint whose {@code Origin}
 * header names a page that may not call it, as the MCP transports require against DNS
 * rebinding: a page on an attacker's domain that resolves to this gateway's address sends
 * its own origin. Pages served from {@code localhost}, {@code 127.0.0.1} or {@code [::1]}
 * and the configured origins may call; requests without {@code Origin} (not from a
 * browser) may too.
 */
final class OriginFilter implements WebFilter {

	private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

	private static final byte[] FORBIDDEN = ("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,"
			+ "\"message\":\"Origin not allowed\"}}")
		.getBytes(StandardCharsets.UTF_8);

	private final List<String> allowedOrigins;

	OriginFilter(List<String> allowedOrigins) {
		this.allowedOrigins = List.copyOf(allowedOrigins);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		String origin = exchange.getRequest().getHeaders().getOrigin();
		if (!isMcp(path) || origin == null || isAllowed(origin)) {
			return chain.filter(exchange);
		}
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.FORBIDDEN);
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		DataBuffer body = response.bufferFactory().wrap(FORBIDDEN);
		return response.writeWith(Mono.just(body));
	}

	private static boolean isMcp(String path) {
		return path.equals("/mcp") || path.startsWith("/mcp/");
	}

	private boolean isAllowed(String origin) {
		if (this.allowedOrigins.contains(origin)) {
			return true;
		}
		String host = hostOf(origin);
		return host != null && LOOPBACK_HOSTS.contains(host);
	}

	private static @Nullable String hostOf(String origin) {
		try {
			URI uri = new URI(origin);
			return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) ? uri.getHost() : null;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

}
