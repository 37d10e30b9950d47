package com.myunla.gateway.session.autoconfigure;

import java.time.Duration;
import java.util.Map;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.RequestInfo;
import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.StoreUnavailableException;
import com.myunla.gateway.session.redis.RedisStore;
import com.myunla.gateway.session.testsupport.RedisOptions;
import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@link SessionAutoConfiguration} with {@code session.type=redis} against real Redis
 * servers.
 */
@RequiresRedis
class RedisStoreAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SessionAutoConfiguration.class));

	@Test
	void redisTypeCreatesAWorkingRedisStore() {
		try (RedisSingle redis = RedisSingle.start()) {
			this.contextRunner.withPropertyValues("session.type=redis", "session.redis.addr=" + redis.address())
				.run((context) -> {
					assertThat(context).hasSingleBean(RedisStore.class);
					assertThat(context).doesNotHaveBean(RedisConnectionFactory.class);
					assertThat(context).doesNotHaveBean(RedisMessageListenerContainer.class);
					assertRoundTrip(context.getBean(Store.class));
				});
		}
	}

	@Test
	void applicationsOwnRedisSetupKeepsWorkingBesideTheStore() {
		try (RedisSingle appRedis = RedisSingle.start(); RedisSingle sessionRedis = RedisSingle.start()) {
			this.contextRunner.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
				.withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + appRedis.port(),
						"session.type=redis", "session.redis.addr=" + sessionRedis.address())
				.run((context) -> {
					assertThat(context).hasSingleBean(RedisConnectionFactory.class);
					StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
					template.opsForValue().set("app-key", "app-value");
					assertThat(appRedis.command("GET", "app-key")).contains("app-value");
					assertThat(sessionRedis.command("EXISTS", "app-key").trim()).isEqualTo("0");
					assertRoundTrip(context.getBean(Store.class));
					assertThat(sessionRedis.command("EXISTS", "session:{s1}:meta").trim()).isEqualTo("1");
					assertThat(appRedis.command("EXISTS", "session:{s1}:meta").trim()).isEqualTo("0");
				});
		}
	}

	@Test
	void aclUserAndPasswordAuthenticate() {
		try (RedisSingle redis = RedisSingle.start(RedisOptions.defaults().withUser("gateway", "s3cret"))) {
			this.contextRunner
				.withPropertyValues("session.type=redis", "session.redis.addr=" + redis.address(),
						"session.redis.username=gateway", "session.redis.password=s3cret")
				.run((context) -> assertRoundTrip(context.getBean(Store.class)));
		}
	}

	@Test
	void wrongPasswordFailsStartupSayingAuthenticationFailed() {
		try (RedisSingle redis = RedisSingle.start(RedisOptions.defaults().withUser("gateway", "s3cret"))) {
			this.contextRunner
				.withPropertyValues("session.type=redis", "session.redis.addr=" + redis.address(),
						"session.redis.username=gateway", "session.redis.password=wrong")
				.run((context) -> {
					assertThat(context).hasFailed();
					assertThat(context.getStartupFailure())
						.hasStackTraceContaining("Redis authentication failed (single mode, " + redis.address());
					assertThat(context.getStartupFailure()).rootCause().message().doesNotContain("wrong");
				});
		}
	}

	@Test
	void tlsWithAnSslBundle() {
		try (RedisSingle redis = RedisSingle.start(RedisOptions.defaults().withTls())) {
			this.contextRunner.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
				.withPropertyValues("session.type=redis", "session.redis.addr=" + redis.address(),
						"session.redis.ssl.bundle=redis",
						"spring.ssl.bundle.pem.redis.truststore.certificate=file:" + redis.caCertificate())
				.run((context) -> assertRoundTrip(context.getBean(Store.class)));
		}
	}

	@Test
	void outageFailsOperationsInBoundedTimeAndTheStoreRecoversByItself() {
		try (RedisSingle redis = RedisSingle.start()) {
			this.contextRunner
				.withPropertyValues("session.type=redis", "session.redis.addr=" + redis.address(),
						"session.redis.command-timeout=1s", "session.redis.probe-interval=300ms")
				.run((context) -> {
					Store store = context.getBean(Store.class);
					Connection connection = store.register(meta("s1")).block();
					java.util.List<Delivery> received = new java.util.concurrent.CopyOnWriteArrayList<>();
					connection.events().subscribe(received::add);
					store.send("s1", Message.of("before")).block();
					await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
					redis.node().pause();
					try {
						long start = System.nanoTime();
						assertThatThrownBy(() -> store.send("s1", Message.of("during")).block(Duration.ofSeconds(10)))
							.isInstanceOf(StoreUnavailableException.class)
							.hasMessageContaining(redis.address());
						assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
					}
					finally {
						redis.node().resume();
					}
					await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
						store.send("s1", Message.of("after")).block();
						return true;
					});
					await().atMost(Duration.ofSeconds(20))
						.until(() -> received.stream().anyMatch((d) -> d.message().dataAsString().equals("after")));
					assertThat(received).extracting((d) -> d.message().dataAsString())
						.doesNotHaveDuplicates()
						.startsWith("before");
				});
		}
	}

	@Test
	void healthFollowsThePubSubProbe() {
		try (RedisSingle redis = RedisSingle.start()) {
			this.contextRunner.withConfiguration(AutoConfigurations.of(SessionHealthAutoConfiguration.class))
				.withPropertyValues("session.type=redis", "session.redis.addr=" + redis.address(),
						"session.redis.probe-interval=200ms")
				.run((context) -> {
					RedisStoreHealthIndicator health = context.getBean(RedisStoreHealthIndicator.class);
					assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
					assertThat(health.health(true).getDetails()).containsKeys("instanceId", "localStreams",
							"receivedMessages", "ignoredFrames");
					redis.node().pause();
					try {
						await().atMost(Duration.ofSeconds(10))
							.until(() -> health.health(false).getStatus().equals(Status.DOWN));
					}
					finally {
						redis.node().resume();
					}
					await().atMost(Duration.ofSeconds(20))
						.until(() -> health.health(false).getStatus().equals(Status.UP));
				});
		}
	}

	@Test
	void metersCountWhatTheStoreReceives() {
		try (RedisSingle redis = RedisSingle.start()) {
			this.contextRunner.withConfiguration(AutoConfigurations.of(SessionMetricsAutoConfiguration.class))
				.withPropertyValues("session.type=redis", "session.redis.addr=" + redis.address(),
						"session.redis.instance-id=gw-1")
				.run((context) -> {
					MeterRegistry registry = SessionStoreMetricsTests.bind(context);
					assertRoundTrip(context.getBean(Store.class));
					redis.command("PUBLISH", "session_updates:gw-1", "not a frame");
					await().atMost(Duration.ofSeconds(10))
						.until(() -> registry.get("session.store.frames.ignored")
							.tag("store.instance", "gw-1")
							.functionCounter()
							.count() == 1);
					// The stream owns the session now: a message sent reaches it as
					// exactly one frame.
					double received = registry.get("session.store.messages.received")
						.tag("store.instance", "gw-1")
						.functionCounter()
						.count();
					Store store = context.getBean(Store.class);
					store.send("s1", Message.of("again")).block();
					await().atMost(Duration.ofSeconds(10))
						.until(() -> registry.get("session.store.messages.received")
							.tag("store.instance", "gw-1")
							.functionCounter()
							.count() == received + 1);
					assertThat(registry.get("session.store.streams").gauge().value()).isEqualTo(1);
					assertThat(registry.get("session.store.subscription.healthy").gauge().value()).isEqualTo(1);
				});
		}
	}

	@Test
	void noHealthIndicatorForTheMemoryStore() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(SessionHealthAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RedisStoreHealthIndicator.class));
	}

	private static void assertRoundTrip(Store store) {
		Connection connection = store.register(meta("s1")).block();
		java.util.List<Delivery> received = new java.util.concurrent.CopyOnWriteArrayList<>();
		connection.events().subscribe(received::add);
		store.send("s1", Message.of("hello")).block();
		await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
		assertThat(received.get(0).message().dataAsString()).isEqualTo("hello");
		assertThat(store.get("s1").block().meta().id()).isEqualTo("s1");
	}

	private static Meta meta(String id) {
		return Meta.of(id, "", "sse", new RequestInfo(Map.of(), Map.of(), Map.of()));
	}

}
