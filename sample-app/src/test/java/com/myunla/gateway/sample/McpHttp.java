package com.myunla.gateway.sample;

import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plain HTTP to the sample's {@code /mcp}, for what an MCP SDK's client does not show:
 * headers, event ids and the stream as it is framed.
 *
 * <p>
 * Whoever uses {@link #client()} reads each response's body with {@code expectBody()},
 * even where only the status matters: a body that no expectation reads is still received,
 * and its Netty buffers are never released, so the leak detector logs an error that the
 * tests asserting a clean log catch.
 */
final class McpHttp {

	static final String LATEST = "2025-11-25";

	private final WebTestClient client;

	private final WebClient streamClient;

	McpHttp(String baseUrl) {
		this.client = WebTestClient.bindToServer().baseUrl(baseUrl).build();
		this.streamClient = WebClient.create(baseUrl);
	}

	WebTestClient client() {
		return this.client;
	}

	static String initializeRequest(String version) {
		return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"" + version
				+ "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}";
	}

	/**
	 * Initializes a session of the latest revision and returns its id.
	 */
	String initialize() {
		return initialize(LATEST);
	}

	/**
	 * Initializes a session of the given revision and returns its id.
	 */
	String initialize(String version) {
		String sessionId = this.client.post()
			.uri("/mcp")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(initializeRequest(version))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseHeaders()
			.getFirst("Mcp-Session-Id");
		assertThat(sessionId).isNotBlank();
		post(sessionId, version, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").expectStatus()
			.isAccepted()
			.expectBody()
			.isEmpty();
		return sessionId;
	}

	WebTestClient.ResponseSpec post(@Nullable String sessionId, @Nullable String version, String body) {
		return this.client.post().uri("/mcp").headers((headers) -> {
			if (sessionId != null) {
				headers.set("Mcp-Session-Id", sessionId);
			}
			if (version != null) {
				headers.set("MCP-Protocol-Version", version);
			}
		})
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM)
			.bodyValue(body)
			.exchange();
	}

	/**
	 * Calls the {@code notify} tool, which sends the text to the session's stream.
	 */
	void notify(String sessionId, String text) {
		post(sessionId, LATEST,
				"{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
						+ "{\"name\":\"notify\",\"arguments\":{\"text\":\"" + text + "\"}}}")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.result.isError")
			.isEqualTo(false);
	}

	SseStream listen(String sessionId, @Nullable String lastEventId) {
		return listen(sessionId, lastEventId, LATEST);
	}

	SseStream listen(String sessionId, @Nullable String lastEventId, String version) {
		return SseStream.open(this.streamClient, "/mcp", (headers) -> {
			headers.set("Mcp-Session-Id", sessionId);
			headers.set("MCP-Protocol-Version", version);
			if (lastEventId != null) {
				headers.set("Last-Event-ID", lastEventId);
			}
		});
	}

}
