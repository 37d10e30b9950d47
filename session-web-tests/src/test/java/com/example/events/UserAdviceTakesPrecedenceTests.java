package com.example.events;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import com.example.extras.UserErrorAdvice;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application's own {@code @RestControllerAdvice} for a session error answers instead
 * of the web support's, in both stacks.
 */
class UserAdviceTakesPrecedenceTests {

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = { "REACTIVE", "SERVLET" })
	void applicationsOwnAdviceAnswersUnknownSession(WebApplicationType type) throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(EventsApplication.class,
				UserErrorAdvice.class)
			.web(type)
			.run("--server.port=0")) {
			String port = context.getEnvironment().getProperty("local.server.port");
			HttpRequest request = HttpRequest
				.newBuilder(URI.create("http://localhost:" + port + "/sessions/no-such-session/events"))
				.header("Accept", "text/event-stream")
				.build();
			HttpResponse<String> response = HttpClient.newHttpClient().send(request, BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(410);
			assertThat(response.body()).isEqualTo("gone: no-such-session");
		}
	}

}
