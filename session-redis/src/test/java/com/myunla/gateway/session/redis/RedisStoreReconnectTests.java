package com.myunla.gateway.session.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

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
 * {@link RedisStore} when its connection drops while a send is in flight: the Redis
 * client resends the commands that had no reply yet once it has reconnected, and a
 * message must still be stored at most once, and exactly once when its send succeeded.
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
		String prefix = "r" + System.nanoTime();
		try (RedisStore store = store(prefix, channels)) {
			store.register(RedisStoreTests.meta("s1")).block();
			// loads the script, so that the send below is one EVALSHA that Redis runs as
			// soon as it reads it
			store.send("s1", Message.of("first")).block();
			CompletableFuture<Void> sent;
			redis.node().pause();
			try {
				sent = store.send("s1", Message.of("once")).toFuture();
				// Each channel runs its tasks in order: the send is written to the socket
				// before the channel closes, so Redis reads and runs it on resuming,
				// while its reply has no connection to go to.
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

	@RepeatedTest(3)
	void batchInFlightWhenItsConnectionDropsIsStoredOnce() throws Exception {
		List<Channel> channels = new CopyOnWriteArrayList<>();
		String prefix = "r" + System.nanoTime();
		try (RedisStore store = store(prefix, channels)) {
			store.register(RedisStoreTests.meta("s1")).block();
			store.send("s1", Message.of("first")).block();
			CompletableFuture<Void> paused = new CompletableFuture<>();
			List<CompletableFuture<Void>> batch = new ArrayList<>();
			redis.node().pause();
			try {
				// goes out alone; when its reply comes, Redis is paused again before the
				// sends queued behind it go out together
				store.send("s1", Message.of("alone")).doOnSuccess((done) -> {
					redis.node().pause();
					paused.complete(null);
				}).subscribe();
				// more than one call holds: the first call of 32 is in flight when the
				// connection drops
				for (int i = 0; i < 40; i++) {
					batch.add(store.send("s1", Message.of("batched " + i)).toFuture());
				}
			}
			finally {
				redis.node().resume();
			}
			try {
				paused.get(30, TimeUnit.SECONDS);
				// The batch is written on the connection's event loop in the task that
				// handed out the reply above, before the close below runs there.
				channels.forEach(Channel::close);
			}
			finally {
				redis.node().resume();
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> batch.stream().allMatch(CompletableFuture::isDone));
			List<String> stored = Arrays.asList(redis.command("XRANGE", prefix + ":{s1}:log", "-", "+").split("\n"));
			for (int i = 0; i < batch.size(); i++) {
				long copies = Collections.frequency(stored, "batched " + i);
				try {
					batch.get(i).get();
					assertThat(copies).as("copies of a message whose send succeeded").isEqualTo(1);
				}
				catch (ExecutionException ex) {
					assertThat(ex.getCause()).isInstanceOf(StoreUnavailableException.class);
					assertThat(copies).as("copies of a message whose send failed").isLessThanOrEqualTo(1);
				}
			}
		}
	}

	/**
	 * Builds a store whose Netty channels are added to {@code channels}, so that a test
	 * can drop its connections.
	 */
	private static RedisStore store(String prefix, List<Channel> channels) {
		NettyCustomizer capturing = new NettyCustomizer() {

			@Override
			public void afterChannelInitialized(Channel channel) {
				channels.add(channel);
			}

		};
		return RedisStore.builder()
			.addresses(redis.address())
			.prefix(prefix)
			.topic(prefix + "_updates")
			.commandTimeout(Duration.ofSeconds(5))
			.probeInterval(Duration.ofMillis(500))
			.customizeClientResources((resources) -> resources.nettyCustomizer(capturing))
			.build();
	}

}
