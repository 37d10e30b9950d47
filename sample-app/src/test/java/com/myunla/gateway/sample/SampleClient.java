package com.myunla.gateway.sample;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client of one running sample gateway: plain requests through {@link WebTestClient},
 * event streams through {@link SseStream}. Closing it disconnects every stream it opened.
 */
final class SampleClient implements AutoCloseable {

	private static final String ENDPOINT_PREFIX = "/message?sessionId=";

	private final WebTestClient client;

	private final WebClient streamClient;

	private final List<SseStream> streams = new ArrayList<>();

	SampleClient(int port) {
		String baseUrl = "http://localhost:" + port;
		this.client = WebTestClient.bindToServer().baseUrl(baseUrl).build();
		this.streamClient = WebClient.create(baseUrl);
	}

	WebTestClient http() {
		return this.client;
	}

	SseStream open(String uri) {
		return open(uri, (headers) -> {
		});
	}

	SseStream open(String uri, Consumer<HttpHeaders> headers) {
		SseStream stream = SseStream.open(this.streamClient, uri, headers);
		this.streams.add(stream);
		return stream;
	}

	/**
	 * Resumes a session's stream after the given id and checks its endpoint event.
	 */
	SseStream resume(String sessionId, String lastEventId) {
		SseStream stream = open("/sse?sessionId=" + sessionId, (headers) -> headers.set("Last-Event-ID", lastEventId));
		assertThat(sessionIdOf(stream.next())).isEqualTo(sessionId);
		return stream;
	}

	WebTestClient.ResponseSpec post(String sessionId, @Nullable String event, String data) {
		return this.client.post().uri((uri) -> {
			uri.path("/message").queryParam("sessionId", sessionId);
			if (event != null) {
				uri.queryParam("event", event);
			}
			return uri.build();
		}).bodyValue(data.getBytes(StandardCharsets.UTF_8)).exchange();
	}

	WebTestClient.ResponseSpec delete(String sessionId) {
		return this.client.delete().uri("/sessions/{id}", sessionId).exchange();
	}

	void send(String sessionId, String data) {
		post(sessionId, null, data).expectStatus().isAccepted().expectBody().isEmpty();
	}

	/**
	 * Checks that a response is the {@code 404} problem naming the given session.
	 */
	static void expectSessionNotFound(WebTestClient.ResponseSpec response, String sessionId) {
		response.expectStatus().isNotFound().expectBody().jsonPath("$.sessionId").isEqualTo(sessionId);
	}

	/**
	 * Checks that an event is the {@code endpoint} event and returns the session id it
	 * names.
	 */
	static String sessionIdOf(SseStream.Event endpoint) {
		assertThat(endpoint.event()).isEqualTo("endpoint");
		assertThat(endpoint.id()).isNull();
		assertThat(endpoint.data()).startsWith(ENDPOINT_PREFIX);
		return endpoint.data().substring(ENDPOINT_PREFIX.length());
	}

	/**
	 * Summarises a message event as {@code data@id}, so that one assertion checks both.
	 */
	static String dataAndId(SseStream.Event event) {
		return event.data() + "@" + event.id();
	}

	@Override
	public void close() {
		this.streams.forEach(SseStream::close);
	}

}
