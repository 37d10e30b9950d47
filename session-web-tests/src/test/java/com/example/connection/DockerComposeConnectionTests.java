package com.example.connection;

import java.util.List;
import java.util.Map;

import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.autoconfigure.SessionRedisConnectionDetails;
import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import com.myunla.gateway.session.testsupport.RequiresValkey;
import com.myunla.gateway.session.testsupport.ServerKind;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.lifecycle.DockerComposeServicesReadyEvents;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.util.StringUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Redis or Valkey service of Docker Compose feeds the Redis store of an application
 * without Spring Boot's Redis support: the services are announced to the application's
 * listeners as Spring Boot's Docker Compose support announces those it started.
 */
@RequiresRedis
class DockerComposeConnectionTests {

	@Test
	void redisImage() {
		try (RedisSingle server = RedisSingle.start()) {
			assertStoreWorksOn(new ServerBackedService("cache", "redis:7.0", Map.of(), server), server);
		}
	}

	@Test
	void imageNamedRedisByLabel() {
		try (RedisSingle server = RedisSingle.start()) {
			assertStoreWorksOn(new ServerBackedService("cache", "example.org/cache:1",
					Map.of("org.springframework.boot.service-connection", "redis"), server), server);
		}
	}

	@Test
	void otherImage() {
		try (RedisSingle server = RedisSingle.start()) {
			try (ConfigurableApplicationContext context = run(
					new ServerBackedService("database", "postgres:17", Map.of(), server),
					"--session.redis.auto-startup=false")) {
				assertThat(context.getBean(SessionRedisConnectionDetails.class).getAddresses())
					.containsExactly("localhost:1");
			}
		}
	}

	private static void assertStoreWorksOn(RunningService service, RedisSingle server) {
		try (ConfigurableApplicationContext context = run(service)) {
			assertThat(context.getBean(SessionRedisConnectionDetails.class))
				.hasToString("the Docker Compose service 'cache'");
			StoreRoundTrip.assertRoundTripOn(context.getBean(Store.class), server);
		}
	}

	private static ConfigurableApplicationContext run(RunningService service, String... arguments) {
		SpringApplication application = new SpringApplication(StoreApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.addListeners((event) -> {
			if (event instanceof ApplicationPreparedEvent prepared) {
				SimpleApplicationEventMulticaster multicaster = new SimpleApplicationEventMulticaster();
				application.getListeners().forEach(multicaster::addApplicationListener);
				multicaster.multicastEvent(
						DockerComposeServicesReadyEvents.of(prepared.getApplicationContext(), List.of(service)));
			}
		});
		return application.run(StringUtils.concatenateStringArrays(
				new String[] { "--session.type=redis", "--session.redis.addr=localhost:1" }, arguments));
	}

	@Nested
	@RequiresValkey
	class Valkey {

		@Test
		void valkeyImage() {
			try (RedisSingle server = RedisSingle.start(ServerKind.VALKEY)) {
				assertStoreWorksOn(new ServerBackedService("cache", "valkey/valkey:8.0", Map.of(), server), server);
			}
		}

	}

}
