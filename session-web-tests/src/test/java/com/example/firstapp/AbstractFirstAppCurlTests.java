package com.example.firstapp;

import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Runs the {@code curl} commands of the README's first app, exactly as written but for
 * the port, against the app whose source the README shows, and expects what the README
 * says they print. The subclasses run the app as a WebFlux and as a Spring MVC
 * application.
 */
@SpringBootTest(classes = FirstApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.mvc.problemdetails.enabled=true", "spring.webflux.problemdetails.enabled=true" })
abstract class AbstractFirstAppCurlTests {

	@LocalServerPort
	private int port;

	@Test
	void readmeCommandsPrintWhatTheReadmeSays() throws Exception {
		try (ReadmeFirstAppCommands commands = new ReadmeFirstAppCommands(this.port)) {
			commands.printWhatTheReadmeSays(UnaryOperator.identity());
		}
	}

}
