package com.myunla.gateway.session.redis;

import java.time.Duration;

import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.SessionNotFoundException;
import com.myunla.gateway.session.StoreUnavailableException;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A {@link RedisStore} on a Redis that is out of memory ({@code maxmemory} reached with
 * the {@code noeviction} policy): what would take memory is refused as unavailable, what
 * frees it works, and the store says so until Redis accepts writes again.
 */
@RequiresRedis
class RedisStoreMemoryTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@RegisterExtension
	static final SingleRedisFleet redis = new SingleRedisFleet();

	@AfterEach
	void restoreMemory() {
		redis.command("CONFIG", "SET", "maxmemory", "0");
	}

	@Test
	void outOfMemoryRefusesNewSessionsButUnregisterWorksAndTheStoreSaysSoUntilItPasses() {
		RedisStore store = redis.stores().start("a");
		store.register(RedisStoreTests.meta("s1")).block(TIMEOUT);
		assertThat(store.outOfMemoryReason()).isNull();
		outOfMemory();
		assertThatExceptionOfType(StoreUnavailableException.class)
			.isThrownBy(() -> store.register(RedisStoreTests.meta("s2")).block(TIMEOUT))
			.withMessageContaining("OOM");
		assertThatExceptionOfType(StoreUnavailableException.class)
			.isThrownBy(() -> store.send("s1", Message.of("m1")).block(TIMEOUT));
		assertThat(store.outOfMemoryReason()).contains("out of memory");
		assertThat(store.get("s1").block(TIMEOUT).meta().id()).isEqualTo("s1");
		assertThat(store.list().collectList().block(TIMEOUT)).hasSize(1);
		store.unregister("s1").block(TIMEOUT);
		assertThatExceptionOfType(SessionNotFoundException.class).isThrownBy(() -> store.get("s1").block(TIMEOUT));
		redis.command("CONFIG", "SET", "maxmemory", "0");
		await().atMost(TIMEOUT).until(() -> store.outOfMemoryReason() == null);
		store.register(RedisStoreTests.meta("s2")).block(TIMEOUT);
	}

	@Test
	void streamEndingWhileOutOfMemoryGivesUpItsOwnership() {
		RedisStore store = redis.stores().start("a");
		Recorder stream = Recorder.record(store.register(RedisStoreTests.meta("s1")).block(TIMEOUT).events());
		await().atMost(TIMEOUT).until(() -> "a".equals(store.owner("s1").block(TIMEOUT)));
		outOfMemory();
		stream.cancel();
		await().atMost(TIMEOUT).until(() -> store.owner("s1").blockOptional(TIMEOUT).isEmpty());
	}

	@Test
	void streamOfASessionEvictedByRedisEndsAtTheNextCheckOfTheStreams() {
		// ttl 3 s: the instance checks its streams every second
		RedisStore store = redis.stores().start("a", (builder) -> builder.ttl(Duration.ofSeconds(3)));
		Recorder stream = Recorder.record(store.register(RedisStoreTests.meta("s1")).block(TIMEOUT).events());
		store.send("s1", Message.of("m1")).block(TIMEOUT);
		stream.awaitCount(1);
		// as an eviction does: the keys go, and nobody is told
		redis.command("DEL", redis.prefix() + ":{s1}:meta", redis.prefix() + ":{s1}:log");
		stream.awaitCompletion();
		assertThat(stream.error()).isNull();
	}

	private static void outOfMemory() {
		redis.command("CONFIG", "SET", "maxmemory-policy", "noeviction");
		redis.command("CONFIG", "SET", "maxmemory", "1");
	}

}
