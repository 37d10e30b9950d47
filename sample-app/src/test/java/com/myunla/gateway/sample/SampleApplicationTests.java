package com.myunla.gateway.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.RequestInfo;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's HTTP contract, end to end over a real server port.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "session.web.keep-alive=200ms", "sample.max-message-size=1KB" })
class SampleApplicationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private Store store;

	private SampleClient sample;

	@BeforeEach
	void connect() {
		this.sample = new SampleClient(this.port);
	}

	@AfterEach
	void disconnect() {
		this.sample.close();
	}

	@Test
	void streamStartsWithEndpointEventOfANewUnguessableSession() {
		String first = SampleClient.sessionIdOf(this.sample.open("/sse").next());
		String second = SampleClient.sessionIdOf(this.sample.open("/sse").next());
		assertThat(UUID.fromString(first)).isNotNull();
		assertThat(second).isNotEqualTo(first);
	}

	@Test
	void sessionMetaIsBuiltFromTheRequest() {
		SseStream stream = this.sample.open("/sse?tenant=acme&flag", (headers) -> {
			headers.set("X-Client", "tests");
			headers.set(HttpHeaders.COOKIE, "theme=dark");
		});
		String id = SampleClient.sessionIdOf(stream.next());
		Meta meta = this.store.get(id).block(Duration.ofSeconds(5)).meta();
		assertThat(meta.type()).isEqualTo("sse");
		assertThat(meta.prefix()).isEmpty();
		assertThat(meta.request().headers()).containsEntry("X-Client", "tests");
		assertThat(meta.request().queries()).containsEntry("tenant", "acme").containsEntry("flag", "");
		assertThat(meta.request().cookies()).containsEntry("theme", "dark");
	}

	@Test
	void postedMessageArrivesWithIdEventAndData() {
		SseStream stream = this.sample.open("/sse");
		String id = SampleClient.sessionIdOf(stream.next());
		this.sample.post(id, "greeting", "hello").expectStatus().isAccepted().expectBody().isEmpty();
		this.sample.send(id, "world");
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
		SseStream stream = this.sample.open("/sse");
		String id = SampleClient.sessionIdOf(stream.next());
		this.sample.send(id, "line one\nline two\r\nline three\rline four");
		SseStream.Event event = stream.next();
		assertThat(event.dataLines()).containsExactly("data:line one", "data:line two", "data:line three",
				"data:line four");
		assertThat(event.lines()).hasSize(2 + 4);
	}

	@Test
	void resumeWithLastEventIdReplaysOnlyWhatWasMissed() {
		SseStream first = this.sample.open("/sse");
		String id = SampleClient.sessionIdOf(first.next());
		this.sample.send(id, "one");
		this.sample.send(id, "two");
		assertThat(first.next().data()).isEqualTo("one");
		assertThat(first.next().id()).isEqualTo("2");
		first.close();
		// The client went away, but its session stays registered until it expires
		this.sample.send(id, "three");
		this.sample.send(id, "four");

		SseStream resumed = this.sample.resume(id, "2");
		assertThat(SampleClient.dataAndId(resumed.next())).isEqualTo("three@3");
		assertThat(SampleClient.dataAndId(resumed.next())).isEqualTo("four@4");
		this.sample.send(id, "five");
		assertThat(SampleClient.dataAndId(resumed.next())).isEqualTo("five@5");
	}

	@Test
	void resumeTakesTheLastEventIdFromTheQueryWhenTheHeaderIsAbsent() {
		SseStream first = this.sample.open("/sse");
		String id = SampleClient.sessionIdOf(first.next());
		this.sample.send(id, "one");
		this.sample.send(id, "two");
		this.sample.send(id, "three");
		assertThat(first.next().data()).isEqualTo("one");
		assertThat(first.next().data()).isEqualTo("two");
		assertThat(first.next().data()).isEqualTo("three");
		first.close();

		SseStream fromQuery = this.sample.open("/sse?sessionId=" + id + "&lastEventId=1");
		assertThat(SampleClient.sessionIdOf(fromQuery.next())).isEqualTo(id);
		assertThat(SampleClient.dataAndId(fromQuery.next())).isEqualTo("two@2");
		assertThat(SampleClient.dataAndId(fromQuery.next())).isEqualTo("three@3");
		fromQuery.close();

		// The browser's own reconnect sends the header, which is newer than the query of
		// the URL it reuses
		SseStream fromHeader = this.sample.open("/sse?sessionId=" + id + "&lastEventId=0",
				(headers) -> headers.set("Last-Event-ID", "2"));
		assertThat(SampleClient.sessionIdOf(fromHeader.next())).isEqualTo(id);
		assertThat(SampleClient.dataAndId(fromHeader.next())).isEqualTo("three@3");
	}

	@Test
	void newStreamOfASessionTakesOverAndTheOldOneEnds() {
		SseStream first = this.sample.open("/sse");
		String id = SampleClient.sessionIdOf(first.next());
		this.sample.send(id, "one");
		assertThat(first.next().data()).isEqualTo("one");

		SseStream second = this.sample.resume(id, "1");
		first.awaitCompletion();
		this.sample.send(id, "two");
		assertThat(SampleClient.dataAndId(second.next())).isEqualTo("two@2");
	}

	@Test
	void resumeOfUnknownSessionIsNotFound() {
		this.sample.http()
			.get()
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
		String id = SampleClient.sessionIdOf(this.sample.open("/sse").next());
		SseStream stream = this.sample.resume(id, "yesterday");
		SseStream.Event error = stream.next();
		assertThat(error.event()).isEqualTo(SseController.ERROR_EVENT);
		assertThat(error.id()).isNull();
		assertThat(error.data()).contains("yesterday");
		stream.awaitCompletion();
	}

	@Test
	void postToUnknownSessionIsNotFoundNamingTheId() {
		this.sample.post("no-such-session", null, "hello")
			.expectStatus()
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
		this.sample.http()
			.post()
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
		String id = SampleClient.sessionIdOf(this.sample.open("/sse").next());
		this.sample.http()
			.post()
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
		SseStream stream = this.sample.open("/sse");
		String id = SampleClient.sessionIdOf(stream.next());
		this.sample.post(id, null, "x".repeat(1025))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("1024 bytes"));
		this.sample.post(id, null, "x".repeat(1024)).expectStatus().isAccepted().expectBody().isEmpty();
		assertThat(stream.next().data()).hasSize(1024);
	}

	@Test
	void deleteEndsTheStreamAndForgetsTheSession() {
		SseStream stream = this.sample.open("/sse");
		String id = SampleClient.sessionIdOf(stream.next());
		this.sample.send(id, "one");
		assertThat(stream.next().data()).isEqualTo("one");

		this.sample.delete(id).expectStatus().isNoContent().expectBody().isEmpty();
		stream.awaitCompletion();
		SampleClient.expectSessionNotFound(this.sample.post(id, null, "two"), id);
		SampleClient.expectSessionNotFound(this.sample.delete(id), id);
	}

	@Test
	void sessionListShowsMetadataWithSecretsRedacted() {
		SseStream stream = this.sample.open("/sse?tenant=acme&token=query-s3cret-value", (headers) -> {
			headers.set(HttpHeaders.AUTHORIZATION, "Bearer s3cret-token-value");
			headers.set(HttpHeaders.COOKIE, "auth=cookie-s3cret-value");
			headers.set("X-Api-Key", "key-s3cret-value");
			headers.set("X-Client", "tests");
		});
		String id = SampleClient.sessionIdOf(stream.next());
		String body = this.sample.http()
			.get()
			.uri("/sessions")
			.accept(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).doesNotContain("s3cret");
		String session = "$.sessions[?(@.id == '" + id + "')]";
		this.sample.http()
			.get()
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
			.jsonPath(session + ".request.headers['X-Api-Key']")
			.isEqualTo("[redacted]")
			.jsonPath(session + ".request.queries.token")
			.isEqualTo("[redacted]")
			.jsonPath(session + ".request.queries.tenant")
			.isEqualTo("acme");
	}

	@Test
	void sessionListPagesWithACursor() {
		Set<String> registered = new HashSet<>();
		for (int i = 0; i < 5; i++) {
			String id = "paged-" + UUID.randomUUID();
			this.store.register(Meta.of(id, "", "sse", RequestInfo.empty())).block(Duration.ofSeconds(5));
			registered.add(id);
		}
		List<String> listed = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			String uri = "/sessions?size=2" + ((cursor != null) ? "&cursor=" + cursor : "");
			Page page = this.sample.http()
				.get()
				.uri(uri)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(Page.class)
				.returnResult()
				.getResponseBody();
			assertThat(page.sessions()).hasSizeLessThanOrEqualTo(2);
			page.sessions().forEach((session) -> listed.add((String) session.get("id")));
			cursor = page.nextCursor();
			pages++;
		}
		while (cursor != null);
		assertThat(pages).isGreaterThanOrEqualTo(3);
		assertThat(listed).doesNotHaveDuplicates().containsAll(registered);
	}

	@Test
	void sessionListRejectsABadPageSizeOrCursor() {
		this.sample.http()
			.get()
			.uri("/sessions?size=0")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("Page size must be between 1 and 1000, was 0");
		this.sample.http()
			.get()
			.uri("/sessions?cursor=%25%25")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("Malformed session listing cursor");
	}

	@Test
	void idleStreamGetsKeepAliveComments() {
		SseStream stream = this.sample.open("/sse");
		SampleClient.sessionIdOf(stream.next());
		assertThat(stream.nextComment().lines()).containsExactly(":keep-alive");
		assertThat(stream.nextComment().lines()).containsExactly(":keep-alive");
	}

	@Test
	void rootServesThePage() {
		this.sample.http()
			.get()
			.uri("/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class)
			.value((page) -> assertThat(page).contains("new EventSource(url)", "'&lastEventId='"));
	}

	/**
	 * A page of {@code GET /sessions}, as a client reads it.
	 */
	record Page(List<Map<String, Object>> sessions, @Nullable String nextCursor) {
	}

}
