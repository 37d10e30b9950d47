package com.myunla.gateway.session.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.RequestInfo;
import com.myunla.gateway.session.SessionNotFoundException;
import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.autoconfigure.SessionsEndpoint.SessionDescriptor;
import com.myunla.gateway.session.autoconfigure.SessionsEndpoint.SessionsDescriptor;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link SessionsEndpoint} and its auto-configuration, on the memory store.
 */
class SessionsEndpointTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(SessionAutoConfiguration.class, SessionEndpointAutoConfiguration.class));

	@Test
	void endpointIsOffUnlessExposed() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(SessionsEndpoint.class));
	}

	@Test
	void exposedEndpointIsConfigured() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=sessions")
			.run((context) -> assertThat(context).hasSingleBean(SessionsEndpoint.class));
	}

	@Test
	void springMvcApplicationGetsTheExtensionThatWaitsForTheAnswers() {
		new WebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(SessionAutoConfiguration.class, SessionEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=sessions")
			.run((context) -> assertThat(context).hasSingleBean(SessionsEndpointServletExtension.class));
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(SessionAutoConfiguration.class, SessionEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=sessions")
			.run((context) -> assertThat(context).hasSingleBean(SessionsEndpoint.class)
				.doesNotHaveBean(SessionsEndpointServletExtension.class));
	}

	@Test
	void disabledEndpointIsNotConfiguredEvenIfExposed() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=sessions",
					"management.endpoint.sessions.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(SessionsEndpoint.class));
	}

	@Test
	void noEndpointWithoutActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.withPropertyValues("management.endpoints.web.exposure.include=sessions")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SessionsEndpoint.class));
	}

	@Test
	void endpointWorksWithoutTheRedisLibraries() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RedisClient.class, LettuceConnectionFactory.class))
			.withPropertyValues("management.endpoints.web.exposure.include=sessions")
			.run((context) -> {
				context.getBean(Store.class).register(meta("s1", Map.of())).block(TIMEOUT);
				SessionsDescriptor page = context.getBean(SessionsEndpoint.class).sessions(null, null).block(TIMEOUT);
				assertThat(page.count()).isOne();
				assertThat(page.sessions()).extracting(SessionDescriptor::id).containsExactly("s1");
			});
	}

	@Test
	void pagesThroughTheSessionsWithTheirCount() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=sessions").run((context) -> {
			Store store = context.getBean(Store.class);
			for (int i = 0; i < 5; i++) {
				store.register(meta("s" + i, Map.of())).block(TIMEOUT);
			}
			SessionsEndpoint endpoint = context.getBean(SessionsEndpoint.class);
			List<String> ids = new ArrayList<>();
			String cursor = null;
			do {
				SessionsDescriptor page = endpoint.sessions(cursor, 2).block(TIMEOUT);
				assertThat(page.count()).isEqualTo(5);
				assertThat(page.sessions()).hasSizeLessThanOrEqualTo(2);
				page.sessions().forEach((session) -> ids.add(session.id()));
				cursor = page.nextCursor();
			}
			while (cursor != null);
			assertThat(ids).containsExactly("s0", "s1", "s2", "s3", "s4");
		});
	}

	@Test
	void showsOneSessionWithItsRequestRedacted() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=sessions").run((context) -> {
			Meta meta = meta("s1", Map.of("Authorization", "Bearer secret-token", "X-Client", "tests"));
			context.getBean(Store.class).register(meta).block(TIMEOUT);
			SessionDescriptor session = context.getBean(SessionsEndpoint.class).session("s1").block(TIMEOUT);
			assertThat(session)
				.isEqualTo(new SessionDescriptor("s1", "sse", "/api", meta.createdAt(), null, new RequestInfo(
						Map.of("Authorization", RequestInfo.REDACTED, "X-Client", "tests"), Map.of(), Map.of())));
		});
	}

	@Test
	void unknownSessionIsEmptyAndDeleteEndsASession() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=sessions").run((context) -> {
			Store store = context.getBean(Store.class);
			store.register(meta("s1", Map.of())).block(TIMEOUT);
			SessionsEndpoint endpoint = context.getBean(SessionsEndpoint.class);
			assertThat(endpoint.session("missing").blockOptional(TIMEOUT)).isEmpty();
			endpoint.delete("s1").block(TIMEOUT);
			assertThatExceptionOfType(SessionNotFoundException.class).isThrownBy(() -> store.get("s1").block(TIMEOUT));
			endpoint.delete("s1").block(TIMEOUT);
		});
	}

	@Test
	void badInputIsAnInvalidRequest() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=sessions").run((context) -> {
			SessionsEndpoint endpoint = context.getBean(SessionsEndpoint.class);
			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> endpoint.sessions(null, 0).block(TIMEOUT))
				.withMessage("Page size must be between 1 and 1000, was 0");
			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> endpoint.sessions("%%", null).block(TIMEOUT))
				.withMessage("Malformed session listing cursor");
			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> endpoint.session("a b").block(TIMEOUT));
		});
	}

	private static Meta meta(String id, Map<String, String> headers) {
		return Meta.of(id, "/api", "sse", new RequestInfo(headers, Map.of(), Map.of()));
	}

}
