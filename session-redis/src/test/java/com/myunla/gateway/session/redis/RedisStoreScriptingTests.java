package com.myunla.gateway.session.redis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.StoreUnavailableException;
import com.myunla.gateway.session.testsupport.RedisOptions;
import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import com.myunla.gateway.session.testsupport.ServerKind;
import io.lettuce.core.RedisCommandExecutionException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The store on a Redis server that runs no Lua scripts (the scripting commands renamed
 * away, as an operator may do, or Lua disabled): it does not start, and says why; on a
 * server that stops running them after the store started, operations fail at once with
 * the same reason.
 */
@RequiresRedis
class RedisStoreScriptingTests {

	private static final List<String> NO_SCRIPTING = List.of("rename-command EVAL \"\"", "rename-command EVALSHA \"\"",
			"rename-command SCRIPT \"\"");

	@Test
	void storeDoesNotStartOnAServerThatRunsNoScripts() {
		try (RedisSingle redis = RedisSingle.start(ServerKind.REDIS, RedisOptions.defaults(), NO_SCRIPTING)) {
			String target = "single mode, " + redis.address() + ", db 0";
			assertThatExceptionOfType(RedisStartupException.class)
				.isThrownBy(() -> RedisStore.builder().addresses(redis.address()).build())
				.withMessageStartingWith(
						"The session store needs Lua scripting (EVAL, EVALSHA, SCRIPT) and Redis refused it (" + target
								+ "): ERR unknown command")
				.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(RedisStartupException.Reason.SCRIPTING))
				.satisfies((ex) -> assertThat(ex.getTarget()).isEqualTo(target));
		}
	}

	@Test
	void operationsFailAtOnceWhenTheServerStopsRunningScripts() throws IOException {
		try (RedisSingle redis = RedisSingle.start();
				RedisStore store = RedisStore.builder().addresses(redis.address()).build()) {
			store.register(RedisStoreTests.meta("before")).block();
			Path config = redis.node().directory().resolve("redis.conf");
			Files.write(config, NO_SCRIPTING, StandardOpenOption.APPEND);
			redis.node().restart();
			// the store reconnects to the restarted server; each operation then fails
			// within the command timeout
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThatExceptionOfType(StoreUnavailableException.class)
					.isThrownBy(() -> store.register(RedisStoreTests.meta("after")).block(Duration.ofSeconds(10)))
					.withMessageStartingWith(
							"The session store needs Lua scripting (EVAL, EVALSHA, SCRIPT) and " + "Redis refused it")
					.withCauseInstanceOf(RedisCommandExecutionException.class));
			assertThatExceptionOfType(StoreUnavailableException.class)
				.isThrownBy(() -> store.send("before", Message.of("x")).block(Duration.ofSeconds(10)))
				.withMessageContaining("needs Lua scripting");
			assertThatExceptionOfType(StoreUnavailableException.class)
				.isThrownBy(() -> store.get("before").block(Duration.ofSeconds(10)))
				.withMessageContaining("needs Lua scripting");
		}
	}

}
