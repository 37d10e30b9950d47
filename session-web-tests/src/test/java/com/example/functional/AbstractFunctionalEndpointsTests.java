package com.example.functional;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store's errors signalled by functional endpoints are answered as those of
 * controllers, by the same {@code SessionExceptionHandler}; run once as a WebFlux and
 * once as a Spring MVC application by the subclasses.
 */
@SpringBootTest(classes = FunctionalApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "session.web.retry-after=7s")
abstract class AbstractFunctionalEndpointsTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Test
	void unknownSessionIsNotFound() throws Exception {
		HttpResponse<String> response = post("/fn/send/no-such-session?event=message");
		assertProblem(response, 404);
		assertThat(json.readTree(response.body()).get("sessionId").asString()).isEqualTo("no-such-session");
	}

	@Test
	void takenIdIsAConflict() throws Exception {
		String id = UUID.randomUUID().toString();
		assertThat(post("/fn/register/" + id).statusCode()).isEqualTo(204);
		HttpResponse<String> response = post("/fn/register/" + id);
		assertProblem(response, 409);
		assertThat(json.readTree(response.body()).get("sessionId").asString()).isEqualTo(id);
	}

	@Test
	void badInputOfTheSessionApiIsABadRequest() throws Exception {
		String id = UUID.randomUUID().toString();
		assertThat(post("/fn/register/" + id).statusCode()).isEqualTo(204);
		HttpResponse<String> response = post("/fn/send/" + id + "?event=a%01b");
		assertProblem(response, 400);
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.get("detail").asString()).contains("control characters");
	}

	@Test
	void unreachableStoreIsServiceUnavailableWithRetryAfter() throws Exception {
		HttpResponse<String> response = post("/fn/unavailable");
		assertProblem(response, 503);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
		assertThat(response.body()).doesNotContain("10.0.0.7");
	}

	@Test
	void applicationsOwnIllegalArgumentIsLeftToItsErrorHandling() throws Exception {
		HttpResponse<String> response = post("/fn/own-bad-input");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.headers().firstValue("Content-Type")).isNotEqualTo("application/problem+json");
	}

	private static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	private HttpResponse<String> post(String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.POST(BodyPublishers.noBody())
			.build();
		return this.client.send(request, BodyHandlers.ofString());
	}

}
