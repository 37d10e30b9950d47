package com.myunla.gateway.session.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.RequestInfo;
import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.Disposable;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code sessions} endpoint over HTTP, in a WebFlux and in a Spring MVC application
 * on a real port, with the Redis store on a real Redis server: both stacks answer alike.
 */
@RequiresRedis
@ExtendWith(OutputCaptureExtension.class)
class SessionsEndpointWebTests {

	private static RedisSingle redis;

	@BeforeAll
	static void startRedis() {
		redis = RedisSingle.start();
	}

	@AfterAll
	static void stopRedis() {
		if (redis != null) {
			redis.close();
		}
	}

	@ParameterizedTest
	@EnumSource(names = { "REACTIVE", "SERVLET" })
	void listsShowsAndDeletesSessionsOverHttp(WebApplicationType stack) {
		try (ConfigurableApplicationContext context = start(stack,
				"management.endpoints.web.exposure.include=sessions")) {
			Store store = context.getBean(Store.class);
			store.register(Meta.of("web-1", "/api", "sse",
					new RequestInfo(Map.of("Authorization", "Bearer secret-token"), Map.of(), Map.of())))
				.block();
			store.register(Meta.of("web-2", "/api", "sse", RequestInfo.empty())).block();
			List<Delivery> delivered = new CopyOnWriteArrayList<>();
			Disposable stream = store.get("web-1").block().events().subscribe(delivered::add);
			store.send("web-1", Message.of("hello")).block();
			// delivered means the stream took the session over, so its owner is recorded
			await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 1);
			WebTestClient client = client(context);
			client.get()
				.uri("/actuator/sessions?size=1")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.count")
				.isEqualTo(2)
				.jsonPath("$.sessions.length()")
				.isEqualTo(1)
				.jsonPath("$.nextCursor")
				.isNotEmpty();
			String body = client.get()
				.uri("/actuator/sessions/web-1")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody();
			assertThat(body).doesNotContain("secret-token");
			client.get()
				.uri("/actuator/sessions/web-1")
				.exchange()
				.expectBody()
				.jsonPath("$.id")
				.isEqualTo("web-1")
				.jsonPath("$.prefix")
				.isEqualTo("/api")
				.jsonPath("$.type")
				.isEqualTo("sse")
				.jsonPath("$.owner")
				.isEqualTo("gw-web")
				.jsonPath("$.request.headers.Authorization")
				.isEqualTo(RequestInfo.REDACTED);
			client.delete().uri("/actuator/sessions/web-1").exchange().expectStatus().isNoContent().expectBody();
			client.get().uri("/actuator/sessions/web-1").exchange().expectStatus().isNotFound().expectBody();
			client.get()
				.uri("/actuator/sessions")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.count")
				.isEqualTo(1)
				.jsonPath("$.sessions[0].id")
				.isEqualTo("web-2")
				.jsonPath("$.nextCursor")
				.doesNotExist();
			stream.dispose();
		}
	}

	@ParameterizedTest
	@EnumSource(names = { "REACTIVE", "SERVLET" })
	void unknownSessionIsNotFoundAndBadPagesAreBadRequests(WebApplicationType stack, CapturedOutput output) {
		try (ConfigurableApplicationContext context = start(stack,
				"management.endpoints.web.exposure.include=sessions")) {
			WebTestClient client = client(context);
			client.get().uri("/actuator/sessions/no-such-session").exchange().expectStatus().isNotFound().expectBody();
			client.delete()
				.uri("/actuator/sessions/no-such-session")
				.exchange()
				.expectStatus()
				.isNoContent()
				.expectBody();
			for (String query : List.of("size=0", "size=1001", "size=x", "cursor=%25%25")) {
				client.get().uri("/actuator/sessions?" + query).exchange().expectStatus().isBadRequest().expectBody();
			}
			client.get().uri("/actuator/sessions/a b").exchange().expectStatus().isBadRequest().expectBody();
		}
		assertThat(output).doesNotContain("ERROR").doesNotContain("Exception");
	}

	@ParameterizedTest
	@EnumSource(names = { "REACTIVE", "SERVLET" })
	void notReachableUnlessExposed(WebApplicationType stack) {
		try (ConfigurableApplicationContext context = start(stack,
				"management.endpoints.web.exposure.include=health")) {
			client(context).get().uri("/actuator/sessions").exchange().expectStatus().isNotFound().expectBody();
		}
	}

	private static ConfigurableApplicationContext start(WebApplicationType stack, String exposure) {
		return new SpringApplicationBuilder(WebApplication.class).web(stack)
			.properties("server.port=0", "server.address=127.0.0.1", "session.type=redis",
					"session.redis.addr=" + redis.address(), "session.redis.instance-id=gw-web",
					"session.redis.prefix=web" + System.nanoTime(), exposure)
			.run();
	}

	/**
	 * A client of the application. Each exchange reads its response's body with
	 * {@code expectBody()}, even where only the status matters: a body that no
	 * expectation reads is still received, and its Netty buffers are never released, so
	 * the leak detector logs an error that {@code doesNotContain("ERROR")} then catches.
	 */
	private static WebTestClient client(ConfigurableApplicationContext context) {
		String port = context.getEnvironment().getProperty("local.server.port");
		return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class WebApplication {

	}

}
