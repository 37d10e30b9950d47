package com.example.events;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.UUID;

import com.example.extras.ErrorsController;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.RequestInfo;
import com.myunla.gateway.session.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an application gets from the web support with a controller of a few lines and no
 * error handling of its own, run once as a WebFlux and once as a Spring MVC application
 * by the subclasses.
 */
@SpringBootTest(classes = { EventsApplication.class, ErrorsController.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "session.retention=2", "session.web.keep-alive=200ms", "session.web.retry-after=7s" })
@ExtendWith(OutputCaptureExtension.class)
abstract class AbstractEventsApplicationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private Store store;

	private EventStream stream;

	@AfterEach
	void closeStream() throws IOException {
		if (this.stream != null) {
			this.stream.close();
		}
	}

	@Test
	void streamsMessagesWithIdsEventNamesAndOneDataLinePerLine() throws Exception {
		String id = register();
		this.stream = open(id, null);
		send(id, "first");
		send(id, "one\r\ntwo\rthree\nfour");
		this.store.send(id, Message.of("update", "{}")).block();
		assertThat(this.stream.next()).containsExactly("id:1", "event:message", "data:first");
		assertThat(this.stream.next()).containsExactly("id:2", "event:message", "data:one", "data:two", "data:three",
				"data:four");
		assertThat(this.stream.next()).containsExactly("id:3", "event:update", "data:{}");
	}

	@Test
	void resumeHonoursLastEventIdAndStartsWithAGapNoticeWhenMessagesAreLost() throws Exception {
		String id = register();
		for (int i = 1; i <= 4; i++) {
			send(id, "m" + i);
		}
		this.stream = open(id, "1");
		assertThat(this.stream.next()).containsExactly("event:session.gap",
				"data:{\"lastEventId\":\"1\",\"firstAvailableId\":\"3\"}");
		assertThat(this.stream.next()).containsExactly("id:3", "event:message", "data:m3");
		assertThat(this.stream.next()).containsExactly("id:4", "event:message", "data:m4");
	}

	@Test
	void resumeWithLastEventIdReplaysOnlyWhatFollows() throws Exception {
		String id = register();
		send(id, "m1");
		send(id, "m2");
		this.stream = open(id, "1");
		assertThat(this.stream.next()).containsExactly("id:2", "event:message", "data:m2");
	}

	@Test
	void idleStreamGetsKeepAliveComments() throws Exception {
		this.stream = open(register(), null);
		assertThat(this.stream.nextIncludingComments()).containsExactly(":keep-alive");
		assertThat(this.stream.nextIncludingComments()).containsExactly(":keep-alive");
	}

	@Test
	void unregisteringEndsTheStream() throws Exception {
		String id = register();
		this.stream = open(id, null);
		send(id, "m1");
		assertThat(this.stream.next()).contains("data:m1");
		this.store.unregister(id).block();
		this.stream.awaitEnd();
	}

	@Test
	void streamOfUnknownSessionIsNotFoundProblemNamingTheSession() throws Exception {
		HttpResponse<String> response = request(get("/sessions/no-such-session/events"));
		assertProblem(response, 404);
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.get("sessionId").asString()).isEqualTo("no-such-session");
		assertThat(problem.get("detail").asString()).contains("no-such-session");
	}

	@Test
	void sendToUnknownSessionIsNotFound() throws Exception {
		HttpResponse<String> response = request(post("/sessions/no-such-session/messages", "hello"));
		assertProblem(response, 404);
		assertThat(json.readTree(response.body()).get("sessionId").asString()).isEqualTo("no-such-session");
	}

	@Test
	void lastEventIdTheStoreRejectsIsBadRequest() throws Exception {
		String id = register();
		HttpResponse<String> response = request(
				get("/sessions/" + id + "/events").header("Last-Event-ID", "yesterday"));
		assertProblem(response, 400);
		assertThat(json.readTree(response.body()).get("detail").asString()).contains("yesterday");
	}

	@Test
	void registeringAnExistingIdIsConflict() throws Exception {
		String id = register();
		HttpResponse<String> response = request(post("/errors/register/" + id, ""));
		assertProblem(response, 409);
		assertThat(json.readTree(response.body()).get("sessionId").asString()).isEqualTo(id);
	}

	@Test
	void badInputToTheStoreIsBadRequest() throws Exception {
		HttpResponse<String> response = request(post("/errors/send/" + register() + "?event=a%01b", ""));
		assertProblem(response, 400);
		assertThat(json.readTree(response.body()).get("detail").asString()).contains("event name");
	}

	@Test
	void applicationsOwnIllegalArgumentIsNotTakenForBadInputToTheStore() throws Exception {
		HttpResponse<String> response = request(post("/errors/own-bad-input", ""));
		assertThat(response.statusCode()).isEqualTo(500);
	}

	@Test
	void serverErrorIsLoggedWithoutTheQuerysSecrets(CapturedOutput output) throws Exception {
		HttpResponse<String> response = request(post("/errors/own-bad-input?token=s3cr3t&page=2", ""));
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.body()).doesNotContain("s3cr3t");
		assertThat(output).contains("the application's own bad input").doesNotContain("s3cr3t");
	}

	@Test
	void unreachableStoreIsServiceUnavailableWithRetryAfterAndNoStackTrace(CapturedOutput output) throws Exception {
		HttpResponse<String> response = request(post("/errors/unavailable?token=s3cr3t", ""));
		assertProblem(response, 503);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
		assertThat(response.body()).doesNotContain("10.0.0.7").doesNotContain("s3cr3t");
		assertThat(output).contains("Session store unavailable: Redis did not answer within 5s")
			.doesNotContain("s3cr3t")
			.doesNotContain("\tat ")
			.doesNotContain("ERROR");
	}

	@Test
	void nothingLogsTheQueryOrAStackTrace(CapturedOutput output) throws Exception {
		HttpResponse<String> response = request(get("/sessions/no-such-session/events?token=s3cr3t"));
		assertProblem(response, 404);
		assertThat(response.body()).doesNotContain("s3cr3t");
		assertThat(output).doesNotContain("s3cr3t").doesNotContain("\tat ").doesNotContain("ERROR");
	}

	private String register() {
		String id = UUID.randomUUID().toString();
		this.store.register(Meta.of(id, "", "sse", RequestInfo.empty())).block();
		return id;
	}

	private void send(String id, String data) throws Exception {
		HttpResponse<String> response = request(post("/sessions/" + id + "/messages", data));
		assertThat(response.statusCode()).isEqualTo(202);
	}

	private EventStream open(String id, String lastEventId) throws Exception {
		HttpRequest.Builder request = get("/sessions/" + id + "/events");
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		HttpResponse<InputStream> response = this.client.send(request.build(), BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		return new EventStream(response.body());
	}

	private HttpRequest.Builder get(String path) {
		return HttpRequest.newBuilder(uri(path)).header("Accept", "text/event-stream").GET();
	}

	private HttpRequest.Builder post(String path, String body) {
		return HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "text/plain")
			.POST(BodyPublishers.ofString(body));
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private HttpResponse<String> request(HttpRequest.Builder request) throws Exception {
		return this.client.send(request.timeout(Duration.ofSeconds(10)).build(), BodyHandlers.ofString());
	}

	private static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

}
