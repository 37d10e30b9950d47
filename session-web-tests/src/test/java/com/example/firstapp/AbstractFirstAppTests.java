package com.example.firstapp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.RequestInfo;
import com.myunla.gateway.session.Store;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the README's first app does with the requests that open and resume sessions, run
 * once as a WebFlux and once as a Spring MVC application by the subclasses.
 */
@SpringBootTest(classes = FirstApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.mvc.problemdetails.enabled=true", "spring.webflux.problemdetails.enabled=true",
				// A Spring MVC stream notices its client went away when it next writes
				"session.web.keep-alive=1s" })
abstract class AbstractFirstAppTests {

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private Store store;

	@Test
	void registersASessionWithARandomIdAndTheCompleteRequest() throws Exception {
		HttpResponse<String> response = request(HttpRequest.newBuilder(uri("/sessions?token=s3cr3t&flag&name=a%20b"))
			.header("Authorization", "Bearer abc")
			.header("Cookie", "SESSION=xyz; theme=\"dark\"")
			.POST(BodyPublishers.noBody()));
		assertThat(response.statusCode()).isEqualTo(201);
		String id = response.body().strip();
		assertThat(UUID.fromString(id)).hasToString(id);
		RequestInfo request = this.store.get(id).block().meta().request();
		assertThat(request.headers()).containsEntry("Authorization", "Bearer abc");
		assertThat(request.queries()).containsEntry("token", "s3cr3t")
			.containsEntry("flag", "")
			.containsEntry("name", "a b");
		assertThat(request.cookies()).containsEntry("SESSION", "xyz").containsEntry("theme", "dark");
	}

	@Test
	void registeringATakenIdIsAConflict() throws Exception {
		String id = UUID.randomUUID().toString();
		assertThat(request(create(id)).statusCode()).isEqualTo(201);
		HttpResponse<String> response = request(create(id));
		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"sessionId\":\"" + id + "\"");
	}

	@Test
	void resumesAfterTheLastEventIdQueryParameterWithoutTheHeader() throws Exception {
		String id = registerWithMessages();
		assertThat(firstEventId("/sessions/" + id + "/events?lastEventId=1", null)).isEqualTo("id:2");
	}

	@Test
	void theLastEventIdHeaderTakesPrecedenceOverTheQueryParameter() throws Exception {
		String id = registerWithMessages();
		assertThat(firstEventId("/sessions/" + id + "/events?lastEventId=1", "2")).isEqualTo("id:3");
	}

	@Test
	void aMessageOfAnotherContentTypeIsAProblem() throws Exception {
		String id = registerWithMessages();
		HttpResponse<String> response = request(HttpRequest.newBuilder(uri("/sessions/" + id + "/messages"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString("Hello")));
		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	private String registerWithMessages() throws Exception {
		String id = UUID.randomUUID().toString();
		assertThat(request(create(id)).statusCode()).isEqualTo(201);
		for (int i = 1; i <= 3; i++) {
			this.store.send(id, Message.of("message " + i)).block();
		}
		return id;
	}

	private String firstEventId(String path, String lastEventId) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept", "text/event-stream");
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		return this.client.sendAsync(request.build(), BodyHandlers.ofLines()).thenApply((response) -> {
			try (Stream<String> lines = response.body()) {
				return lines.filter((line) -> line.startsWith("id:")).findFirst().orElse("");
			}
		}).get(10, TimeUnit.SECONDS);
	}

	private HttpRequest.Builder create(String id) {
		return HttpRequest.newBuilder(uri("/sessions?id=" + id)).POST(BodyPublishers.noBody());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private HttpResponse<String> request(HttpRequest.Builder request) throws Exception {
		return this.client.send(request.timeout(Duration.ofSeconds(10)).build(), BodyHandlers.ofString());
	}

}
