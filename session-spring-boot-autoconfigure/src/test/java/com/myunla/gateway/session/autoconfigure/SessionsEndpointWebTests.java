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
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code sessions} endpoint over HTTP, in a WebFlux application on a real port with
 * the Redis store on a real Redis server.
 */
@RequiresRedis
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

	@Test
	void listsShowsAndDeletesSessionsOverHttp() {
		try (ConfigurableApplicationContext context = start("management.endpoints.web.exposure.include=sessions")) {
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
			client.delete().uri("/actuator/sessions/web-1").exchange().expectStatus().isNoContent();
			client.get().uri("/actuator/sessions/web-1").exchange().expectStatus().isNotFound();
			client.get().uri("/actuator/sessions?size=0").exchange().expectStatus().isBadRequest();
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

	@Test
	void notReachableUnlessExposed() {
		try (ConfigurableApplicationContext context = start("management.endpoints.web.exposure.include=health")) {
			client(context).get().uri("/actuator/sessions").exchange().expectStatus().isNotFound();
		}
	}

	private static ConfigurableApplicationContext start(String exposure) {
		return new SpringApplicationBuilder(WebApplication.class).web(WebApplicationType.REACTIVE)
			.properties("server.port=0", "server.address=127.0.0.1", "session.type=redis",
					"session.redis.addr=" + redis.address(), "session.redis.instance-id=gw-web",
					"session.redis.prefix=web" + System.nanoTime(), exposure)
			.run();
	}

	private static WebTestClient client(ConfigurableApplicationContext context) {
		String port = context.getEnvironment().getProperty("local.server.port");
		return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class WebApplication {

	}

}
