package com.myunla.gateway.session.autoconfigure;

import java.util.List;

import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.testsupport.RedisOptions;
import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import com.myunla.gateway.session.testsupport.ServerKind;
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
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Unknown properties under session:")
			.contains("session.redis.adr")
			.contains("Rename session.redis.adr to session.redis.addr.");
	}

	@Test
	void unknownKeyFarFromEveryPropertyIsToBeRemoved(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(ApplicationNeedingAStore.class, "--session.colour=blue"));
		assertThat(output).contains("session.colour").contains("Remove session.colour.");
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

	@Test
	void twoAddressesInSingleModeNameThePropertiesToChange(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(ApplicationNeedingAStore.class, "--session.type=redis",
				"--session.redis.addr=127.0.0.1:7000,127.0.0.1:7001"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid session.redis settings: Single mode takes one Redis address")
			.contains("Change session.redis.addr or session.redis.cluster-type")
			.doesNotContain("\tat ");
	}

	@Test
	void sentinelModeWithoutMasterNameNamesTheProperty(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(ApplicationNeedingAStore.class, "--session.type=redis",
				"--session.redis.cluster-type=sentinel", "--session.redis.addr=127.0.0.1:26379"));
		assertThat(output).contains("Invalid session.redis settings: Sentinel mode needs the master name")
			.contains("Change session.redis.master-name")
			.doesNotContain("\tat ");
	}

	@Test
	void unreachableRedisAtStartupSaysWhereAndWhatToChange(CapturedOutput output) {
		// nothing listens on port 1 of the loopback address
		assertThatException().isThrownBy(() -> run(ApplicationNeedingAStore.class, "--session.type=redis",
				"--session.redis.addr=127.0.0.1:1", "--session.redis.connect-timeout=1s"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Cannot connect to Redis (single mode, 127.0.0.1:1, db 0)")
			.contains("Make sure that Redis runs and that this host can reach it (single mode, 127.0.0.1:1, db 0)")
			.contains("session.redis.addr")
			.doesNotContain("\tat ");
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

		@Test
		void serverThatRunsNoScriptsIsNamedWithWhatItMustAllow(CapturedOutput output) {
			String target;
			try (RedisSingle redis = RedisSingle.start(ServerKind.REDIS, RedisOptions.defaults(),
					List.of("rename-command EVAL \"\"", "rename-command EVALSHA \"\"", "rename-command SCRIPT \"\""))) {
				target = "single mode, " + redis.address() + ", db 0";
				assertThatException().isThrownBy(() -> run(ApplicationNeedingAStore.class, "--session.type=redis",
						"--session.redis.addr=" + redis.address()));
			}
			assertThat(output).contains("APPLICATION FAILED TO START")
				.contains("The session store needs Lua scripting (EVAL, EVALSHA, SCRIPT) and Redis refused it ("
						+ target + "): ERR unknown command 'EVALSHA'")
				.contains("Keep the commands EVALSHA and EVAL available")
				.contains("(" + target + " does not)")
				.doesNotContain("\tat ");
		}

		@Test
		void refusedCredentialsNameTheProperties(CapturedOutput output) {
			try (RedisSingle redis = RedisSingle.start()) {
				assertThatException().isThrownBy(() -> run(ApplicationNeedingAStore.class, "--session.type=redis",
						"--session.redis.addr=" + redis.address(), "--session.redis.username=nobody",
						"--session.redis.password=wrong"));
			}
			assertThat(output).contains("APPLICATION FAILED TO START")
				.contains("Redis authentication failed")
				.contains("Check session.redis.username and session.redis.password")
				.doesNotContain("\tat ");
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
