package com.myunla.gateway.session.redis;

import java.time.Duration;

import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.StoreUnavailableException;
import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an open stream does while its instance cannot reach Redis: it stays open through
 * an outage shorter than the stream outage timeout and catches up afterwards, and ends
 * with {@link StoreUnavailableException} after it, so that its client resumes elsewhere.
 */
@RequiresRedis
class RedisStoreOutageTests {

	@Test
	void streamStaysOpenThroughAShortOutageAndCatchesUp() {
		try (RedisSingle own = RedisSingle.start(); RedisStores stores = RedisStores.single(own.address())) {
			RedisStore a = stores.start("a");
			Recorder stream = streamThatDeliveredOne(a);
			own.node().pause();
			try {
				await().atMost(Duration.ofSeconds(20)).until(() -> !a.isSubscriptionHealthy());
			}
			finally {
				own.node().resume();
			}
			await().atMost(Duration.ofSeconds(20)).until(a::isSubscriptionHealthy);
			a.send("s1", Message.of("after")).block();
			stream.awaitCount(2);
			assertThat(stream.texts()).containsExactly("before", "after");
			assertThat(stream.isTerminated()).isFalse();
		}
	}

	@Test
	void probesThatRedisRefusesToPublishDoNotRestartAWorkingSubscription() {
		try (RedisSingle own = RedisSingle.start(); RedisStores stores = RedisStores.single(own.address())) {
			RedisStore a = stores.start("a");
			String subscription = pubSubClients(own);
			assertThat(subscription).isNotEmpty();
			// As when commands fail while the subscription works (the command connection
			// is the one that broke): every probe fails to be published.
			own.command("ACL", "SETUSER", "default", "-publish");
			try {
				long failures = a.probeFailures();
				await().atMost(Duration.ofSeconds(20)).until(() -> a.probeFailures() >= failures + 6);
				assertThat(a.isSubscriptionHealthy()).isFalse();
				assertThat(pubSubClients(own)).as("subscription connections").isEqualTo(subscription);
			}
			finally {
				own.command("ACL", "SETUSER", "default", "+publish");
			}
			await().atMost(Duration.ofSeconds(20)).until(a::isSubscriptionHealthy);
		}
	}

	@Test
	void streamEndsAfterTheOutageTimeoutAndItsClientResumesWithNothingLost() {
		try (RedisSingle own = RedisSingle.start(); RedisStores stores = RedisStores.single(own.address())) {
			RedisStore a = stores.start("a", (builder) -> builder.streamOutageTimeout(Duration.ofSeconds(2)));
			Recorder stream = streamThatDeliveredOne(a);
			own.node().pause();
			try {
				await().atMost(Duration.ofSeconds(30)).until(stream::isTerminated);
			}
			finally {
				own.node().resume();
			}
			assertThat(stream.error()).isInstanceOf(StoreUnavailableException.class)
				.hasMessageContaining("'s1'")
				.hasMessageContaining("did not answer");
			await().atMost(Duration.ofSeconds(20)).until(a::isSubscriptionHealthy);
			a.send("s1", Message.of("after")).block();
			Recorder resumed = Recorder.record(a.get("s1").block().events(stream.ids().get(0)));
			resumed.awaitCount(1);
			assertThat(resumed.texts()).containsExactly("after");
			assertThat(resumed.isTerminated()).isFalse();
		}
	}

	/**
	 * Registers session {@code s1} and opens its stream, which delivers "before".
	 */
	private static Recorder streamThatDeliveredOne(RedisStore store) {
		store.register(RedisStoreTests.meta("s1")).block();
		Recorder stream = Recorder.record(store.get("s1").block().events());
		store.send("s1", Message.of("before")).block();
		return stream.awaitCount(1);
	}

	/**
	 * Returns the ids of the server's pub/sub connections.
	 */
	private static String pubSubClients(RedisSingle redis) {
		return String.join(",",
				redis.command("CLIENT", "LIST", "TYPE", "pubsub")
					.lines()
					.map((line) -> line.substring(0, line.indexOf(' ')))
					.sorted()
					.toList());
	}

}
