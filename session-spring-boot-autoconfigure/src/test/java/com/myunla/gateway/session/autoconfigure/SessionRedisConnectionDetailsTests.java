package com.myunla.gateway.session.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.RequestInfo;
import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.redis.RedisMode;
import com.myunla.gateway.session.testsupport.RedisOptions;
import com.myunla.gateway.session.testsupport.RedisSentinel;
import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Where the Redis store connects: {@code session.redis.*}, the application's own Redis as
 * Spring Boot's connection details describe it, or a
 * {@link SessionRedisConnectionDetails} bean of the application's.
 */
@RequiresRedis
class SessionRedisConnectionDetailsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, SessionAutoConfiguration.class))
		.withPropertyValues("session.type=redis", "session.redis.probe-interval=500ms");

	@Test
	void withoutSessionRedisAddrTheStoreUsesTheApplicationsRedis() {
		try (RedisSingle redis = RedisSingle.start(RedisOptions.defaults().withUser("app", "s3cret"))) {
			this.contextRunner
				.withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redis.port(),
						"spring.data.redis.username=app", "spring.data.redis.password=s3cret",
						"spring.data.redis.database=3")
				.run((context) -> {
					assertThat(context).getBean(SessionRedisConnectionDetails.class)
						.isInstanceOf(ApplicationRedisConnectionDetails.class);
					assertRoundTrip(context.getBean(Store.class));
					// the store's own client, on the application's database
					assertThat(redis.command("CLIENT", "LIST")).containsPattern("name=session-store .*db=3 .*user=app");
				});
		}
	}

	@Test
	void theApplicationsSentinelSetupApplies() {
		try (RedisSentinel redis = RedisSentinel.start()) {
			this.contextRunner
				.withPropertyValues("spring.data.redis.sentinel.master=" + redis.masterName(),
						"spring.data.redis.sentinel.nodes=" + redis.sentinelAddresses())
				.run((context) -> {
					assertRoundTrip(context.getBean(Store.class));
					assertThat(redis.master().command("EXISTS", "session:{s1}:meta").trim()).isEqualTo("1");
				});
		}
	}

	@Test
	void theApplicationsSslBundleApplies() {
		try (RedisSingle redis = RedisSingle.start(RedisOptions.defaults().withTls())) {
			this.contextRunner.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
				.withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redis.port(),
						"spring.data.redis.ssl.bundle=redis",
						"spring.ssl.bundle.pem.redis.truststore.certificate=file:" + redis.caCertificate())
				.run((context) -> assertRoundTrip(context.getBean(Store.class)));
		}
	}

	@Test
	void sessionRedisAddrWinsOverTheApplicationsRedis() {
		try (RedisSingle appRedis = RedisSingle.start(); RedisSingle sessionRedis = RedisSingle.start()) {
			this.contextRunner
				.withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + appRedis.port(),
						"session.redis.addr=" + sessionRedis.address())
				.run((context) -> {
					assertThat(context).getBean(SessionRedisConnectionDetails.class)
						.isInstanceOf(PropertiesSessionRedisConnectionDetails.class);
					assertRoundTrip(context.getBean(Store.class));
					assertThat(sessionRedis.command("EXISTS", "session:{s1}:meta").trim()).isEqualTo("1");
					assertThat(appRedis.command("EXISTS", "session:{s1}:meta").trim()).isEqualTo("0");
				});
		}
	}

	@Test
	void applicationsOwnSessionRedisConnectionDetailsWin() {
		try (RedisSingle appRedis = RedisSingle.start(); RedisSingle sessionRedis = RedisSingle.start()) {
			this.contextRunner.withBean(SessionRedisConnectionDetails.class, () -> new SessionRedisConnectionDetails() {

				@Override
				public RedisMode getMode() {
					return RedisMode.SINGLE;
				}

				@Override
				public List<String> getAddresses() {
					return List.of(sessionRedis.address());
				}

			})
				.withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + appRedis.port(),
						"session.redis.addr=127.0.0.1:1")
				.run((context) -> {
					assertRoundTrip(context.getBean(Store.class));
					assertThat(sessionRedis.command("EXISTS", "session:{s1}:meta").trim()).isEqualTo("1");
				});
		}
	}

	static void assertRoundTrip(Store store) {
		Connection connection = store.register(meta("s1")).block();
		List<Delivery> received = new CopyOnWriteArrayList<>();
		connection.events().subscribe(received::add);
		store.send("s1", Message.of("hello")).block();
		await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
		assertThat(received.get(0).message().dataAsString()).isEqualTo("hello");
	}

	private static Meta meta(String id) {
		return Meta.of(id, "", "sse", new RequestInfo(Map.of(), Map.of(), Map.of()));
	}

}
