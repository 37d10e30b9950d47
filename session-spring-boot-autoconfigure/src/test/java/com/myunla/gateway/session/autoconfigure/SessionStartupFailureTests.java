package com.myunla.gateway.session.autoconfigure;

import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What a user sees when a real application fails to start because of a bad
 * {@code session.*} setting: Spring Boot's failure analysis, not just an exception.
 */
@ExtendWith(OutputCaptureExtension.class)
class SessionStartupFailureTests {

	@Test
	void unknownStoreTypeListsTheValidValues(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(EmptyApplication.class, "--session.type=mongo"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property session.type is 'mongo', which names no session store.")
			.contains("Set session.type to one of: memory, redis");
	}

	@Test
	void unknownStoreTypeIsReportedBeforeAnythingMissesTheStore(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(ApplicationNeedingAStore.class, "--session.type=redus"));
		assertThat(output).contains("Property session.type is 'redus'")
			.contains("Set session.type to one of: memory, redis")
			.doesNotContain("could not be found");
	}

	@Test
	void storeTypeIsCaseInsensitive() {
		run(ApplicationNeedingAStore.class, "--session.type=Memory");
	}

	@Test
	void unknownKeyUnderSessionStopsStartupNamingTheKey(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(ApplicationNeedingAStore.class, "--session.redis.adr=x:1"));
		assertThat(output).contains("APPLICATION FAILED TO START").contains("session.redis.adr");
	}

	@Test
	void snakeCaseKeysOfTheOriginalConfigurationAreNotUnknown() {
		run(ApplicationNeedingAStore.class, "--session.redis.cluster_type=cluster", "--session.redis.master_name=m");
	}

	@Test
	void zeroTtlSaysWhy(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--session.memory.ttl=0s"));
		assertThat(output).contains("session.memory.ttl must be positive");
	}

	private static void run(String... args) {
		run(EmptyApplication.class, args);
	}

	private static void run(Class<?> application, String... args) {
		new SpringApplicationBuilder(application).web(WebApplicationType.NONE).run(args).close();
	}

	@Nested
	@RequiresRedis
	class OnRedis {

		@Test
		void redisUserWithoutAPermissionTheStoreNeedsIsNamed(CapturedOutput output) {
			try (RedisSingle redis = RedisSingle.start()) {
				redis.command("ACL", "SETUSER", "limited", "on", ">limited-secret", "~session:*", "&session_updates:*",
						"+@all", "-xadd");
				assertThatException().isThrownBy(() -> run(ApplicationNeedingAStore.class, "--session.type=redis",
						"--session.redis.addr=" + redis.address(), "--session.redis.username=limited",
						"--session.redis.password=limited-secret"));
			}
			assertThat(output).contains("APPLICATION FAILED TO START")
				.contains("XADD on 'session:{access check}:log'")
				.contains("ACL SETUSER limited +xadd")
				.contains("Redis ACL");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(SessionAutoConfiguration.class)
	static class EmptyApplication {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(SessionAutoConfiguration.class)
	static class ApplicationNeedingAStore {

		@Bean
		StoreUser storeUser(Store store) {
			return new StoreUser(store);
		}

	}

	record StoreUser(Store store) {
	}

}
