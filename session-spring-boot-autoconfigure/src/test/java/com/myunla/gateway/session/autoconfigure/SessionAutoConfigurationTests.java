package com.myunla.gateway.session.autoconfigure;

import java.time.Duration;

import com.myunla.gateway.session.Redaction;
import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.autoconfigure.SessionProperties.ClusterType;
import com.myunla.gateway.session.autoconfigure.SessionProperties.StoreType;
import com.myunla.gateway.session.memory.MemoryStore;
import com.myunla.gateway.session.redis.RedisStore;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link SessionAutoConfiguration} that need no Redis server.
 */
class SessionAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SessionAutoConfiguration.class));

	@Test
	void defaultsToMemoryStore() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(Store.class);
			assertThat(context).hasSingleBean(MemoryStore.class);
			assertThat(context).doesNotHaveBean(SessionRedisConnectionDetails.class);
		});
	}

	@Test
	void redactionDefaultsCoverCommonCredentials() {
		this.contextRunner.run((context) -> {
			Redaction redaction = context.getBean(Redaction.class);
			assertThat(redaction.isSecretHeader("x-api-key")).isTrue();
			assertThat(redaction.isSecretQuery("access_token")).isTrue();
			assertThat(redaction.isSecretCookie("anything")).isTrue();
			assertThat(redaction.isSecretHeader("User-Agent")).isFalse();
		});
	}

	@Test
	void redactionNamesAreConfigurable() {
		this.contextRunner
			.withPropertyValues("session.redaction.headers=X-Tenant-Secret", "session.redaction.queries=ticket",
					"session.redaction.cookies=session_id")
			.run((context) -> {
				Redaction redaction = context.getBean(Redaction.class);
				assertThat(redaction.isSecretHeader("x-tenant-secret")).isTrue();
				assertThat(redaction.isSecretHeader("Authorization")).isFalse();
				assertThat(redaction.isSecretQuery("ticket")).isTrue();
				assertThat(redaction.isSecretCookie("session_id")).isTrue();
				assertThat(redaction.isSecretCookie("theme")).isFalse();
			});
	}

	@Test
	void memoryTypeGivesMemoryStore() {
		this.contextRunner.withPropertyValues("session.type=memory")
			.run((context) -> assertThat(context).hasSingleBean(MemoryStore.class));
	}

	@Test
	void userStoreWins() {
		this.contextRunner.withUserConfiguration(UserStoreConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(Store.class);
			assertThat(context.getBean(Store.class)).isSameAs(context.getBean("myStore"));
		});
	}

	@Test
	void userStoreWinsOverRedisToo() {
		this.contextRunner.withUserConfiguration(UserStoreConfiguration.class)
			.withPropertyValues("session.type=redis", "session.redis.addr=127.0.0.1:1")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(Store.class)).isSameAs(context.getBean("myStore"));
			});
	}

	@Test
	void unknownTypeFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("session.type=mongo").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidStoreTypeException.class)
				.hasMessage("session.type is 'mongo'; valid values are [memory, redis]");
		});
	}

	@Test
	void unknownTypeFailsEvenWithTheApplicationsOwnStore() {
		this.contextRunner.withUserConfiguration(UserStoreConfiguration.class)
			.withPropertyValues("session.type=mongo")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidStoreTypeException.class));
	}

	@Test
	void unknownKeyUnderSessionFailsNamingIt() {
		this.contextRunner.withPropertyValues("session.redis.adr=localhost:6380")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("session.redis.adr")
				.hasStackTraceContaining("ignoreUnknownFields=false"));
	}

	@Test
	void redisTypeWithoutLettuceFailsClearly() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.lettuce"))
			.withPropertyValues("session.type=redis")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("session.type=redis needs")
				.hasMessageContaining("lettuce-core")
				.hasMessageContaining("io.lettuce.core.RedisClient is missing"));
	}

	@Test
	void redisTypeWithoutTheRedisStoreModuleFailsClearly() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("com.myunla.gateway.session.redis"))
			.withPropertyValues("session.type=redis")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("session.type=redis needs")
				.hasMessageContaining("com.myunla.gateway.session.redis.RedisStore is missing")
				.hasMessageContaining("com.myunla:session-redis")
				.hasMessageContaining("do not exclude session-redis"));
	}

	@Test
	void memoryStoreWithoutTheRedisStoreModule() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("com.myunla.gateway.session.redis"))
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(MemoryStore.class));
	}

	@Test
	void commonPropertiesBind() {
		this.contextRunner
			.withPropertyValues("session.retention=10", "session.buffer-size=20", "session.max-message-size=2KB",
					"session.retention-bytes=8KB", "session.buffer-bytes=4KB", "session.memory.ttl=90s")
			.run((context) -> {
				SessionProperties properties = context.getBean(SessionProperties.class);
				assertThat(properties.getType()).isEqualTo(StoreType.MEMORY);
				assertThat(properties.getRetention()).isEqualTo(10);
				assertThat(properties.getBufferSize()).isEqualTo(20);
				assertThat(properties.getRetentionBytes()).isEqualTo(DataSize.ofKilobytes(8));
				assertThat(properties.getBufferBytes()).isEqualTo(DataSize.ofKilobytes(4));
				assertThat(properties.getMaxMessageSize()).isEqualTo(DataSize.ofKilobytes(2));
				assertThat(properties.getMemory().getTtl()).isEqualTo(Duration.ofSeconds(90));
			});
	}

	@Test
	void redisPropertiesHaveTheSeedDefaults() {
		this.contextRunner.run((context) -> {
			SessionRedisProperties redis = context.getBean(SessionProperties.class).getRedis();
			assertThat(redis.getAddr()).isNull();
			assertThat(redis.getUsername()).isEmpty();
			assertThat(redis.getPassword()).isEmpty();
			assertThat(redis.getDb()).isZero();
			assertThat(redis.getClusterType()).isEqualTo(ClusterType.SINGLE);
			assertThat(redis.getMasterName()).isEmpty();
			assertThat(redis.getPrefix()).isEqualTo("session");
			assertThat(redis.getTopic()).isEqualTo("session_updates");
			assertThat(redis.getTtl()).isEqualTo(Duration.ofHours(24));
		});
	}

	@Test
	void redisPropertiesBindInKebabCase() {
		this.contextRunner
			.withPropertyValues("session.redis.addr=a:1,b:2", "session.redis.username=u", "session.redis.password=p",
					"session.redis.db=3", "session.redis.cluster-type=sentinel", "session.redis.master-name=mymaster",
					"session.redis.sentinel-password=sp", "session.redis.prefix=gw", "session.redis.topic=t",
					"session.redis.ttl=2h", "session.redis.command-timeout=3s", "session.redis.probe-interval=1s",
					"session.redis.instance-id=node-1", "session.redis.ssl.enabled=true")
			.run((context) -> {
				SessionRedisProperties redis = context.getBean(SessionProperties.class).getRedis();
				assertThat(redis.getAddr()).isEqualTo("a:1,b:2");
				assertThat(redis.getUsername()).isEqualTo("u");
				assertThat(redis.getPassword()).isEqualTo("p");
				assertThat(redis.getDb()).isEqualTo(3);
				assertThat(redis.getClusterType()).isEqualTo(ClusterType.SENTINEL);
				assertThat(redis.getMasterName()).isEqualTo("mymaster");
				assertThat(redis.getSentinelPassword()).isEqualTo("sp");
				assertThat(redis.getPrefix()).isEqualTo("gw");
				assertThat(redis.getTopic()).isEqualTo("t");
				assertThat(redis.getTtl()).isEqualTo(Duration.ofHours(2));
				assertThat(redis.getCommandTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(redis.getProbeInterval()).isEqualTo(Duration.ofSeconds(1));
				assertThat(redis.getInstanceId()).isEqualTo("node-1");
				assertThat(redis.getSsl().isEnabled()).isTrue();
			});
	}

	@Test
	void seedSnakeCaseKeysBind() {
		this.contextRunner.withPropertyValues("session.redis.cluster_type=cluster", "session.redis.master_name=primary")
			.run((context) -> {
				SessionRedisProperties redis = context.getBean(SessionProperties.class).getRedis();
				assertThat(redis.getClusterType()).isEqualTo(ClusterType.CLUSTER);
				assertThat(redis.getMasterName()).isEqualTo("primary");
			});
	}

	@Test
	void sslBundleEnablesTls() {
		this.contextRunner.withPropertyValues("session.redis.ssl.bundle=redis")
			.run((context) -> assertThat(context.getBean(SessionProperties.class).getRedis().getSsl().isEnabled())
				.isTrue());
	}

	@Test
	void zeroTtlIsRejected() {
		this.contextRunner.withPropertyValues("session.redis.ttl=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("session.redis.ttl must be positive"));
	}

	@Test
	void negativeMemoryTtlIsRejected() {
		this.contextRunner.withPropertyValues("session.memory.ttl=-5m")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("session.memory.ttl must be positive"));
	}

	@Test
	void nonPositiveLimitsAreRejected() {
		this.contextRunner.withPropertyValues("session.retention=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("session.retention must be at least 1"));
		this.contextRunner.withPropertyValues("session.buffer-size=-1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("session.buffer-size must be at least 1"));
		this.contextRunner.withPropertyValues("session.max-message-size=0B")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("session.max-message-size must be between"));
		this.contextRunner.withPropertyValues("session.buffer-bytes=0B")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("session.buffer-bytes must be at least 1B, was 0B"));
		this.contextRunner.withPropertyValues("session.retention-bytes=0B")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("session.retention-bytes must be at least 1B, was 0B"));
	}

	@Test
	void byteLimitsHaveDefaultsThatBoundAStreamAndASession() {
		this.contextRunner.run((context) -> {
			SessionProperties properties = context.getBean(SessionProperties.class);
			assertThat(properties.getBufferBytes()).isEqualTo(DataSize.ofMegabytes(1));
			assertThat(properties.getRetentionBytes()).isEqualTo(DataSize.ofMegabytes(2));
			assertThat(properties.getMaxMessageSize()).isEqualTo(DataSize.ofKilobytes(256));
		});
	}

	@Test
	void messageSizeBeyondTheBufferBytesStopsStartupNamingTheProperties() {
		this.contextRunner.withPropertyValues("session.max-message-size=2MB")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("session.max-message-size (2MB) must not exceed session.buffer-bytes (1MB): "
						+ "a message that large could never be delivered"));
		this.contextRunner
			.withPropertyValues("session.max-message-size=2MB", "session.buffer-bytes=4MB",
					"session.retention-bytes=1MB")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("session.max-message-size (2MB) must not exceed session.retention-bytes (1MB): "
						+ "a message that large could never be retained"));
	}

	@Test
	void badAddressIsRejectedAtStartup() {
		this.contextRunner.withPropertyValues("session.type=redis", "session.redis.addr=localhost")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Invalid session.redis settings: Redis address 'localhost' is not host:port"));
	}

	@Test
	void sentinelWithoutMasterNameIsRejected() {
		this.contextRunner
			.withPropertyValues("session.type=redis", "session.redis.cluster-type=sentinel",
					"session.redis.addr=127.0.0.1:26379")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Invalid session.redis settings: Sentinel mode needs the master name"));
	}

	@Test
	void clusterWithDatabaseIsRejected() {
		this.contextRunner
			.withPropertyValues("session.type=redis", "session.redis.cluster-type=cluster", "session.redis.db=2",
					"session.redis.addr=127.0.0.1:7000")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Invalid session.redis settings: Redis Cluster has database 0 only, was 2"));
	}

	@Test
	void redisStoreIsWiredWithoutAServerWhenItDoesNotStartWithTheContext() {
		// nothing listens on port 1: the context starts only because nothing connects
		this.contextRunner
			.withPropertyValues("session.type=redis", "session.redis.addr=127.0.0.1:1",
					"session.redis.auto-startup=false")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(RedisStore.class);
				RedisStore store = context.getBean(RedisStore.class);
				assertThat(store.isRunning()).isFalse();
				assertThatIllegalStateException().isThrownBy(() -> store.get("s1").block())
					.withMessage("The session store is not started yet");
				RedisStoreLifecycle lifecycle = context.getBean(RedisStoreLifecycle.class);
				assertThat(lifecycle.isAutoStartup()).isFalse();
				// starts before the web server (SmartLifecycle.DEFAULT_PHASE - 2048) and
				// stops after it
				assertThat(lifecycle.getPhase()).isLessThan(SmartLifecycle.DEFAULT_PHASE - 2048);
			});
	}

	@Test
	void unreachableRedisFailsNamingModeAndAddress() {
		this.contextRunner
			.withPropertyValues("session.type=redis", "session.redis.addr=127.0.0.1:1",
					"session.redis.connect-timeout=1s", "session.redis.command-timeout=1s")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Cannot connect to Redis (single mode, 127.0.0.1:1, db 0)"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserStoreConfiguration {

		@Bean
		Store myStore() {
			return new MemoryStore();
		}

	}

}
