package com.myunla.gateway.session.redis;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;

import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.StoreUnavailableException;
import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link RedisStore} when its connection drops while a send is in flight: the Redis client resends the
 * commands that had no reply yet once it has reconnected, and a message must still be stored at most once,
 * and exactly once when its send succeeded.
 */
@RequiresRedis
class RedisStoreReconnectTests {

	private static RedisSingle redis;

	@BeforeAll
	static void startRedis() {
		redis = RedisSingle.start();
	}

	@AfterAll
	static void stopRedis() {
		if (redis != null) {
			redis.close();
		}
	}

	@RepeatedTest(3)
	void sendInFlightWhenItsConnectionDropsIsStoredOnce() throws Exception {
		List<Channel> channels = new CopyOnWriteArrayList<>();
		NettyCustomizer capturing = new NettyCustomizer() {

			@Override
			public void afterChannelInitialized(Channel channel) {
				channels.add(channel);
			}

		};
		String prefix = "r" + System.nanoTime();
		try (RedisStore store = RedisStore.builder()
			.addresses(redis.address())
			.prefix(prefix)
			.topic(prefix + "_updates")
			.commandTimeout(Duration.ofSeconds(5))
			.probeInterval(Duration.ofMillis(500))
			.customizeClientResources((resources) -> resources.nettyCustomizer(capturing))
			.build()) {
			store.register(RedisStoreTests.meta("s1")).block();
			// loads the script, so that the send below is one EVALSHA that Redis runs as soon as it reads it
			store.send("s1", Message.of("first")).block();
			CompletableFuture<Void> sent;
			redis.node().pause();
			try {
				sent = store.send("s1", Message.of("once")).toFuture();
				// Each channel runs its tasks in order: the send is written to the socket before the channel
				// closes, so Redis reads and runs it on resuming, while its reply has no connection to go to.
				channels.forEach(Channel::close);
			}
			finally {
				redis.node().resume();
			}
			await().atMost(Duration.ofSeconds(30)).until(sent::isDone);
			long stored = Arrays.stream(redis.command("XRANGE", prefix + ":{s1}:log", "-", "+").split("\n"))
				.filter("once"::equals)
				.count();
			try {
				sent.get();
				assertThat(stored).as("copies of a message whose send succeeded").isEqualTo(1);
			}
			catch (ExecutionException ex) {
				assertThat(ex.getCause()).isInstanceOf(StoreUnavailableException.class);
				assertThat(stored).as("copies of a message whose send failed").isLessThanOrEqualTo(1);
			}
		}
	}

}
