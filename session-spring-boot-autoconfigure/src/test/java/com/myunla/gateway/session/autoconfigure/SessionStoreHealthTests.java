package com.myunla.gateway.session.autoconfigure;

import java.time.Duration;

import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.RequestInfo;
import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.StoreUnavailableException;
import com.myunla.gateway.session.testsupport.RedisSentinel;
import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The {@code sessionStore} health indicator of both stores, the Redis one against a real
 * Redis server that is paused with {@code SIGSTOP}.
 */
class SessionStoreHealthTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SessionAutoConfiguration.class, SessionHealthAutoConfiguration.class));

	@Test
	void memoryStoreIsUp() {
		this.contextRunner.run((context) -> {
			Health health = context.getBean("sessionStoreHealthIndicator", HealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("mode", "memory");
		});
	}

	@Test
	void indicatorCanBeTurnedOff() {
		this.contextRunner.withPropertyValues("management.health.sessionstore.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("sessionStoreHealthIndicator"));
	}

	@Nested
	@RequiresRedis
	class OnRedis {

		@Test
		void redisStoreIsDownWithAReasonWhileRedisIsPausedAndUpAgainAfter() {
			try (RedisSingle redis = RedisSingle.start()) {
				SessionStoreHealthTests.this.contextRunner
					.withPropertyValues("session.type=redis", "session.redis.addr=" + redis.address(),
							"session.redis.instance-id=gw-1", "session.redis.probe-interval=200ms",
							"session.redis.command-timeout=1s")
					.run((context) -> {
						HealthIndicator indicator = context.getBean("sessionStoreHealthIndicator",
								HealthIndicator.class);
						Health up = indicator.health(true);
						assertThat(up.getStatus()).isEqualTo(Status.UP);
						assertThat(up.getDetails()).containsEntry("mode", "single")
							.containsEntry("target", "single mode, " + redis.address() + ", db 0")
							.containsEntry("instanceId", "gw-1")
							.containsEntry("subscription", "healthy")
							.containsEntry("probeFailures", 0L)
							.containsKeys("lastGoodProbe")
							.doesNotContainKey("reason");
						assertThat(Duration.parse((String) up.getDetails().get("lastGoodProbeAge")))
							.isGreaterThanOrEqualTo(Duration.ZERO);
						redis.node().pause();
						try {
							// the probe is published but never answered: first "did not
							// come back", then, once the publish times out, the client's
							// error too
							await().atMost(Duration.ofSeconds(20)).until(() -> {
								Health down = indicator.health(true);
								return down.getStatus().equals(Status.DOWN)
										&& String.valueOf(down.getDetails().get("reason")).contains("did not answer");
							});
							Health down = indicator.health(true);
							assertThat(down.getDetails()).containsEntry("subscription", "unhealthy");
							assertThat((String) down.getDetails().get("reason"))
								.startsWith("liveness probe on channel 'session_updates:gw-1' did not come back: ");
							assertThat((Long) down.getDetails().get("probeFailures")).isPositive();
						}
						finally {
							redis.node().resume();
						}
						await().atMost(Duration.ofSeconds(30))
							.until(() -> indicator.health(true).getStatus().equals(Status.UP));
						assertThat(indicator.health(true).getDetails()).doesNotContainKey("reason")
							.containsEntry("subscription", "healthy");
					});
			}
		}

		@Test
		void redisStoreIsOutOfServiceWhileRedisIsOutOfMemory() {
			try (RedisSingle redis = RedisSingle.start()) {
				SessionStoreHealthTests.this.contextRunner
					.withPropertyValues("session.type=redis", "session.redis.addr=" + redis.address(),
							"session.redis.probe-interval=200ms", "session.redis.command-timeout=1s")
					.run((context) -> {
						HealthIndicator indicator = context.getBean("sessionStoreHealthIndicator",
								HealthIndicator.class);
						Store store = context.getBean(Store.class);
						redis.command("CONFIG", "SET", "maxmemory-policy", "noeviction");
						redis.command("CONFIG", "SET", "maxmemory", "1");
						assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(
								() -> store.register(Meta.of("s1", "/api", "sse", RequestInfo.empty())).block());
						Health full = indicator.health(true);
						assertThat(full.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
						assertThat((String) full.getDetails().get("reason")).startsWith("Redis is out of memory");
						assertThat(full.getDetails()).containsEntry("subscription", "healthy");
						redis.command("CONFIG", "SET", "maxmemory", "0");
						await().atMost(Duration.ofSeconds(10))
							.until(() -> indicator.health(true).getStatus().equals(Status.UP));
					});
			}
		}

		@Test
		void modeIsTheRunningStoresAlsoWhenTheApplicationsRedisSetupChoseIt() {
			// session.redis.cluster-type is left at its default (single): the store runs
			// in sentinel mode because the application's own Redis is a sentinel setup
			try (RedisSentinel redis = RedisSentinel.start()) {
				SessionStoreHealthTests.this.contextRunner
					.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
					.withPropertyValues("session.type=redis", "spring.data.redis.sentinel.master=" + redis.masterName(),
							"spring.data.redis.sentinel.nodes=" + redis.sentinelAddresses())
					.run((context) -> {
						Health health = context.getBean("sessionStoreHealthIndicator", HealthIndicator.class)
							.health(true);
						assertThat(health.getDetails()).containsEntry("mode", "sentinel");
						assertThat((String) health.getDetails().get("target")).startsWith("sentinel mode, ");
					});
			}
		}

	}

}
