package com.myunla.gateway.sample;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.Store;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's HTTP contract, end to end over a real server port.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.keep-alive=200ms", "sample.max-message-size=1KB" })
class SampleApplicationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private Store store;

	private WebTestClient client;

	private WebClient streamClient;

	private final List<SseStream> streams = new ArrayList<>();

	@BeforeEach
	void createClients() {
		String baseUrl = "http://localhost:" + this.port;
		this.client = WebTestClient.bindToServer().baseUrl(baseUrl).build();
		this.streamClient = WebClient.create(baseUrl);
	}

	@AfterEach
	void closeStreams() {
		this.streams.forEach(SseStream::close);
	}

	@Test
	void streamStartsWithEndpointEventOfANewUnguessableSession() {
		String first = sessionIdOf(open("/sse").next());
		String second = sessionIdOf(open("/sse").next());
		assertThat(UUID.fromString(first)).isNotNull();
		assertThat(second).isNotEqualTo(first);
	}

	@Test
	void sessionMetaIsBuiltFromTheRequest() {
		SseStream stream = open("/sse?tenant=acme&flag", (headers) -> {
			headers.set("X-Client", "tests");
			headers.set(HttpHeaders.COOKIE, "theme=dark");
		});
		String id = sessionIdOf(stream.next());
		Meta meta = this.store.get(id).block().meta();
		assertThat(meta.type()).isEqualTo("sse");
		assertThat(meta.prefix()).isEmpty();
		assertThat(meta.request().headers()).containsEntry("X-Client", "tests");
		assertThat(meta.request().queries()).containsEntry("tenant", "acme").containsEntry("flag", "");
		assertThat(meta.request().cookies()).containsEntry("theme", "dark");
	}

	@Test
	void postedMessageArrivesWithIdEventAndData() {
		SseStream stream = open("/sse");
		String id = sessionIdOf(stream.next());
		post(id, "greeting", "hello").expectStatus().isAccepted();
		post(id, null, "world").expectStatus().isAccepted();
		SseStream.Event greeting = stream.next();
		assertThat(greeting.id()).isEqualTo("1");
		assertThat(greeting.event()).isEqualTo("greeting");
		assertThat(greeting.data()).isEqualTo("hello");
		SseStream.Event world = stream.next();
		assertThat(world.id()).isEqualTo("2");
		assertThat(world.event()).isEqualTo("message");
		assertThat(world.data()).isEqualTo("world");
	}

	@Test
	void multiLineDataIsFramedAsOneDataLinePerLine() {
		SseStream stream = open("/sse");
		String id = sessionIdOf(stream.next());
		post(id, null, "line one\nline two\r\nline three\rline four").expectStatus().isAccepted();
		SseStream.Event event = stream.next();
		assertThat(event.dataLines()).containsExactly("data:line one", "data:line two", "data:line three",
				"data:line four");
		assertThat(event.lines()).hasSize(2 + 4);
	}

	@Test
	void resumeWithLastEventIdReplaysOnlyWhatWasMissed() {
		SseStream first = open("/sse");
		String id = sessionIdOf(first.next());
		post(id, null, "one").expectStatus().isAccepted();
		post(id, null, "two").expectStatus().isAccepted();
		assertThat(first.next().data()).isEqualTo("one");
		assertThat(first.next().id()).isEqualTo("2");
		first.close();
		// The client went away, but its session stays registered until it expires
		post(id, null, "three").expectStatus().isAccepted();
		post(id, null, "four").expectStatus().isAccepted();

		SseStream resumed = open("/sse?sessionId=" + id, (headers) -> headers.set("Last-Event-ID", "2"));
		assertThat(sessionIdOf(resumed.next())).isEqualTo(id);
		assertThat(dataAndId(resumed.next())).isEqualTo("three@3");
		assertThat(dataAndId(resumed.next())).isEqualTo("four@4");
		post(id, null, "five").expectStatus().isAccepted();
		assertThat(dataAndId(resumed.next())).isEqualTo("five@5");
	}

	@Test
	void newStreamOfASessionTakesOverAndTheOldOneEnds() {
		SseStream first = open("/sse");
		String id = sessionIdOf(first.next());
		post(id, null, "one").expectStatus().isAccepted();
		assertThat(first.next().data()).isEqualTo("one");

		SseStream second = open("/sse?sessionId=" + id, (headers) -> headers.set("Last-Event-ID", "1"));
		first.awaitCompletion();
		assertThat(sessionIdOf(second.next())).isEqualTo(id);
		post(id, null, "two").expectStatus().isAccepted();
		assertThat(dataAndId(second.next())).isEqualTo("two@2");
	}

	@Test
	void resumeOfUnknownSessionIsNotFound() {
		this.client.get()
			.uri("/sse?sessionId=no-such-session")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.header("Last-Event-ID", "3")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.sessionId")
			.isEqualTo("no-such-session");
	}

	@Test
	void resumeWithUnknownLastEventIdEndsWithAnErrorEvent() {
		String id = sessionIdOf(open("/sse").next());
		SseStream stream = open("/sse?sessionId=" + id, (headers) -> headers.set("Last-Event-ID", "yesterday"));
		assertThat(sessionIdOf(stream.next())).isEqualTo(id);
		SseStream.Event error = stream.next();
		assertThat(error.event()).isEqualTo(SseController.ERROR_EVENT);
		assertThat(error.id()).isNull();
		assertThat(error.data()).contains("yesterday");
		stream.awaitCompletion();
	}

	@Test
	void postToUnknownSessionIsNotFoundNamingTheId() {
		post("no-such-session", null, "hello").expectStatus()
			.isNotFound()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.sessionId")
			.isEqualTo("no-such-session")
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("no-such-session"));
	}

	@Test
	void postWithoutSessionIdIsBadRequest() {
		this.client.post()
			.uri("/message")
			.bodyValue("hello")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("sessionId"));
	}

	@Test
	void postWithBadEventNameIsBadRequest() {
		String id = sessionIdOf(open("/sse").next());
		this.client.post()
			.uri((uri) -> uri.path("/message").queryParam("sessionId", id).queryParam("event", "{event}").build("a\nb"))
			.bodyValue("hello")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("event name"));
	}

	@Test
	void postOverTheSizeLimitIsBadRequest() {
		SseStream stream = open("/sse");
		String id = sessionIdOf(stream.next());
		post(id, null, "x".repeat(1025)).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("1024 bytes"));
		post(id, null, "x".repeat(1024)).expectStatus().isAccepted();
		assertThat(stream.next().data()).hasSize(1024);
	}

	@Test
	void deleteEndsTheStreamAndForgetsTheSession() {
		SseStream stream = open("/sse");
		String id = sessionIdOf(stream.next());
		post(id, null, "one").expectStatus().isAccepted();
		assertThat(stream.next().data()).isEqualTo("one");

		this.client.delete().uri("/sessions/{id}", id).exchange().expectStatus().isNoContent();
		stream.awaitCompletion();
		post(id, null, "two").expectStatus().isNotFound();
		this.client.delete()
			.uri("/sessions/{id}", id)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.sessionId")
			.isEqualTo(id);
	}

	@Test
	void sessionListShowsMetadataWithSecretsRedacted() {
		SseStream stream = open("/sse?tenant=acme", (headers) -> {
			headers.set(HttpHeaders.AUTHORIZATION, "Bearer s3cret-token-value");
			headers.set(HttpHeaders.COOKIE, "auth=cookie-s3cret-value");
			headers.set("X-Client", "tests");
		});
		String id = sessionIdOf(stream.next());
		String body = this.client.get()
			.uri("/sessions")
			.accept(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).doesNotContain("s3cret-token-value").doesNotContain("cookie-s3cret-value");
		String session = "$[?(@.id == '" + id + "')]";
		this.client.get()
			.uri("/sessions")
			.exchange()
			.expectBody()
			.jsonPath(session + ".type")
			.isEqualTo("sse")
			.jsonPath(session + ".prefix")
			.isEqualTo("")
			.jsonPath(session + ".createdAt")
			.exists()
			.jsonPath(session + ".request.headers['X-Client']")
			.isEqualTo("tests")
			.jsonPath(session + ".request.headers.Authorization")
			.isEqualTo("[redacted]")
			.jsonPath(session + ".request.headers.Cookie")
			.isEqualTo("[redacted]")
			.jsonPath(session + ".request.cookies.auth")
			.isEqualTo("[redacted]")
			.jsonPath(session + ".request.queries.tenant")
			.isEqualTo("acme");
	}

	@Test
	void idleStreamGetsKeepAliveComments() {
		SseStream stream = open("/sse");
		sessionIdOf(stream.next());
		assertThat(stream.nextComment().lines()).containsExactly(":keep-alive");
		assertThat(stream.nextComment().lines()).containsExactly(":keep-alive");
	}

	@Test
	void gapNoticeIsItsOwnEventWithoutAnId() {
		var event = SseController.toEvent(Delivery.gap(5, 12));
		assertThat(event.event()).isEqualTo(Delivery.GAP_EVENT);
		assertThat(event.id()).isNull();
		assertThat(event.data()).isEqualTo("{\"lastEventId\":\"5\",\"firstAvailableId\":\"12\"}");
	}

	@Test
	void rootServesThePage() {
		this.client.get()
			.uri("/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class)
			.value((page) -> assertThat(page).contains("new EventSource('sse')"));
	}

	private SseStream open(String uri) {
		return open(uri, (headers) -> {
		});
	}

	private SseStream open(String uri, Consumer<HttpHeaders> headers) {
		SseStream stream = SseStream.open(this.streamClient, uri, headers);
		this.streams.add(stream);
		return stream;
	}

	private WebTestClient.ResponseSpec post(String sessionId, @Nullable String event, String data) {
		return this.client.post()
			.uri((uri) -> {
				uri.path("/message").queryParam("sessionId", sessionId);
				if (event != null) {
					uri.queryParam("event", event);
				}
				return uri.build();
			})
			.bodyValue(data.getBytes(StandardCharsets.UTF_8))
			.exchange();
	}

	private static String sessionIdOf(SseStream.Event endpoint) {
		assertThat(endpoint.event()).isEqualTo("endpoint");
		assertThat(endpoint.id()).isNull();
		String data = endpoint.data();
		assertThat(data).startsWith("/message?sessionId=");
		return data.substring("/message?sessionId=".length());
	}

	private static String dataAndId(SseStream.Event event) {
		return event.data() + "@" + event.id();
	}

}
