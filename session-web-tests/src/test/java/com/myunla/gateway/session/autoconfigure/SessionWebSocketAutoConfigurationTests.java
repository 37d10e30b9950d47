package com.myunla.gateway.session.autoconfigure;

import com.myunla.gateway.session.web.WebFluxSessionWebSockets;
import com.myunla.gateway.session.web.WebMvcSessionWebSockets;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the WebSocket adapters are configured: the one of the application's stack, where
 * that stack's WebSocket classes are present.
 */
class SessionWebSocketAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(SessionAutoConfiguration.class,
			SessionWebSocketAutoConfiguration.class);

	@Test
	void reactiveApplicationGetsTheWebFluxAdapter() {
		new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.run((context) -> assertThat(context).hasSingleBean(WebFluxSessionWebSockets.class)
				.doesNotHaveBean(WebMvcSessionWebSockets.class));
	}

	@Test
	void servletApplicationGetsTheSpringMvcAdapter() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.run((context) -> assertThat(context).hasSingleBean(WebMvcSessionWebSockets.class)
				.doesNotHaveBean(WebFluxSessionWebSockets.class));
	}

	@Test
	void servletApplicationWithoutSpringWebSocketDoesNot() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withClassLoader(new FilteredClassLoader("org.springframework.web.socket."))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WebMvcSessionWebSockets.class));
	}

	@Test
	void nonWebApplicationDoesNot() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.run((context) -> assertThat(context).doesNotHaveBean(WebFluxSessionWebSockets.class)
				.doesNotHaveBean(WebMvcSessionWebSockets.class));
	}

}
