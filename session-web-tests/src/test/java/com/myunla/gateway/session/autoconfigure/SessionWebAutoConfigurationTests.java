package com.myunla.gateway.session.autoconfigure;

import java.time.Duration;

import com.myunla.gateway.session.web.ClosedConnectionWebFilter;
import com.myunla.gateway.session.web.SessionExceptionHandler;
import com.myunla.gateway.session.web.SessionRequests;
import com.myunla.gateway.session.web.SessionServerSentEvents;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.ServerSentEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the web support is configured: in WebFlux and Spring MVC applications, not in
 * others, and not over an application's own beans.
 */
class SessionWebAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(SessionAutoConfiguration.class,
			SessionWebAutoConfiguration.class);

	@Test
	void reactiveApplicationGetsTheWebSupport() {
		new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("session.web.keep-alive=3s")
			.run((context) -> {
				assertThat(context).hasSingleBean(SessionExceptionHandler.class)
					.hasSingleBean(SessionRequests.class)
					.hasSingleBean(ClosedConnectionWebFilter.class)
					.hasSingleBean(QueryRedactingErrorWebExceptionHandler.class);
				assertThat(context.getBean(SessionServerSentEvents.class).getKeepAlive())
					.isEqualTo(Duration.ofSeconds(3));
			});
	}

	@Test
	void servletApplicationGetsTheWebSupport() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.run((context) -> assertThat(context).hasSingleBean(SessionServerSentEvents.class)
				.hasSingleBean(SessionExceptionHandler.class)
				.hasSingleBean(SessionRequests.class)
				.doesNotHaveBean(ClosedConnectionWebFilter.class)
				.doesNotHaveBean(QueryRedactingErrorWebExceptionHandler.class));
	}

	@Test
	void nonWebApplicationDoesNot() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.run((context) -> assertThat(context).doesNotHaveBean(SessionServerSentEvents.class)
				.doesNotHaveBean(SessionExceptionHandler.class)
				.doesNotHaveBean(SessionRequests.class));
	}

	@Test
	void withoutSpringWebThereIsNoWebSupport() {
		new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withClassLoader(new FilteredClassLoader(ServerSentEvent.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SessionServerSentEvents.class));
	}

	@Test
	void applicationsOwnBeansTakePrecedence() {
		new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withUserConfiguration(OwnWebSupport.class)
			.run((context) -> {
				assertThat(context.getBean(SessionServerSentEvents.class).getKeepAlive())
					.isEqualTo(Duration.ofSeconds(42));
				assertThat(context).getBean(SessionExceptionHandler.class).isSameAs(context.getBean("ownHandler"));
			});
	}

	@Test
	void keepAliveMustBePositive() {
		new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("session.web.keep-alive=0s")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("session.web.keep-alive must be positive"));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnWebSupport {

		@Bean
		SessionServerSentEvents ownEvents() {
			return new SessionServerSentEvents(Duration.ofSeconds(42));
		}

		@Bean
		SessionExceptionHandler ownHandler() {
			return new SessionExceptionHandler(Duration.ofSeconds(1));
		}

	}

}
