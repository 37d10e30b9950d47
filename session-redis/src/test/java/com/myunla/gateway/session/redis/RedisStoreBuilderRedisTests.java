package com.myunla.gateway.session.redis;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.testsupport.RedisCluster;
import com.myunla.gateway.session.testsupport.RedisOptions;
import com.myunla.gateway.session.testsupport.RedisSentinel;
import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import io.lettuce.core.SslOptions;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * {@link RedisStore#builder()} against real Redis servers, without any Spring context:
 * each mode, TLS, the customization hooks, and the store closing the client it was built
 * with.
 */
@RequiresRedis
class RedisStoreBuilderRedisTests {

	@Test
	void singleServerStoresDeliverAcrossInstancesAndCloseTheirClients() {
		try (RedisSingle redis = RedisSingle.start()) {
			try (RedisStore a = builder(redis.address()).instanceId("a").build();
					RedisStore b = builder(redis.address()).instanceId("b").build()) {
				assertDeliversAcross(a, b);
				assertThat(redis.command("CLIENT", "LIST")).contains("name=session-store");
			}
			await().atMost(Duration.ofSeconds(10))
				.until(() -> !redis.command("CLIENT", "LIST").contains("name=session-store"));
		}
	}

	@Test
	void cluster() {
		try (RedisCluster cluster = RedisCluster.start();
				RedisStore a = builder(cluster.seedAddresses()).mode(RedisMode.CLUSTER).instanceId("a").build();
				RedisStore b = builder(cluster.seedAddresses()).mode(RedisMode.CLUSTER).instanceId("b").build()) {
			assertDeliversAcross(a, b);
			assertThat(cluster.masterForKey("session:{s1}:meta").command("EXISTS", "session:{s1}:meta").trim())
				.isEqualTo("1");
		}
	}

	@Test
	void sentinelWithCredentials() {
		try (RedisSentinel redis = RedisSentinel.builder()
			.options(RedisOptions.defaults().withUser("gateway", "s3cret"))
			.sentinelPassword("sentinel-secret")
			.start();
				RedisStore a = sentinel(redis).instanceId("a").build();
				RedisStore b = sentinel(redis).instanceId("b").build()) {
			assertDeliversAcross(a, b);
			assertThat(redis.master().command("EXISTS", "session:{s1}:meta").trim()).isEqualTo("1");
		}
	}

	@Test
	void tlsTrustingTheServersCa() {
		try (RedisSingle redis = RedisSingle.start(RedisOptions.defaults().withTls());
				RedisStore a = builder(redis.address()).ssl(trusting(redis)).instanceId("a").build();
				RedisStore b = builder(redis.address()).ssl(trusting(redis)).instanceId("b").build()) {
			assertDeliversAcross(a, b);
		}
	}

	@Test
	void tlsWithoutPeerVerificationNeedsNoTrust() {
		try (RedisSingle redis = RedisSingle.start(RedisOptions.defaults().withTls());
				RedisStore a = builder(redis.address()).ssl().verifyPeer(false).instanceId("a").build();
				RedisStore b = builder(redis.address()).ssl().verifyPeer(false).instanceId("b").build()) {
			assertDeliversAcross(a, b);
		}
	}

	@Test
	void tlsWithAnUntrustedServerFailsNamingTheTarget() {
		try (RedisSingle redis = RedisSingle.start(RedisOptions.defaults().withTls())) {
			RedisStoreBuilder builder = builder(redis.address()).ssl()
				.connectTimeout(Duration.ofSeconds(1))
				.commandTimeout(Duration.ofSeconds(1));
			assertThatIllegalStateException().isThrownBy(builder::build)
				.withMessageStartingWith("Cannot connect to Redis (single mode, " + redis.address() + ", db 0, TLS)");
		}
	}

	@Test
	void storeBuiltWithoutAutoStartupConnectsOnlyWhenStarted() {
		try (RedisSingle redis = RedisSingle.start();
				RedisStore store = builder(redis.address()).autoStartup(false).build()) {
			assertThat(store.isRunning()).isFalse();
			assertThat(redis.command("CLIENT", "LIST")).doesNotContain("name=session-store");
			assertThatIllegalStateException().isThrownBy(() -> store.register(RedisStoreTests.meta("s1")).block())
				.withMessage("The session store is not started yet");
			store.start();
			store.start();
			assertThat(store.isRunning()).isTrue();
			assertThat(redis.command("CLIENT", "LIST")).contains("name=session-store");
			store.register(RedisStoreTests.meta("s1")).block();
			store.close();
			assertThat(store.isRunning()).isFalse();
			assertThatIllegalStateException().isThrownBy(store::start).withMessage("The session store is closed");
		}
	}

	@Test
	void customizersHaveTheLastWord() {
		AtomicInteger channels = new AtomicInteger();
		NettyCustomizer counting = new NettyCustomizer() {

			@Override
			public void afterChannelInitialized(Channel channel) {
				channels.incrementAndGet();
			}

		};
		try (RedisSingle redis = RedisSingle.start();
				RedisStore store = builder(redis.address())
					.customizeClientResources((resources) -> resources.nettyCustomizer(counting))
					.customizeClient((client) -> client.clientName("gateway-sessions"))
					.build()) {
			assertThat(channels).hasPositiveValue();
			assertThat(redis.command("CLIENT", "LIST")).contains("name=gateway-sessions")
				.doesNotContain("name=session-store");
			store.register(RedisStoreTests.meta("s1")).block();
		}
	}

	private static RedisStoreBuilder builder(String addresses) {
		return RedisStore.builder()
			.addresses(addresses)
			.commandTimeout(Duration.ofSeconds(3))
			.probeInterval(Duration.ofMillis(500));
	}

	private static RedisStoreBuilder sentinel(RedisSentinel redis) {
		return builder(redis.sentinelAddresses()).mode(RedisMode.SENTINEL)
			.masterName(redis.masterName())
			.username("gateway")
			.password("s3cret")
			.sentinelPassword("sentinel-secret");
	}

	private static SslOptions trusting(RedisSingle redis) {
		return SslOptions.builder().trustManager(redis.caCertificate().toFile()).build();
	}

	private static void assertDeliversAcross(RedisStore a, RedisStore b) {
		a.register(RedisStoreTests.meta("s1")).block();
		Recorder stream = Recorder.record(a.get("s1").block().events());
		b.send("s1", Message.of("one")).block();
		b.send("s1", Message.of("two")).block();
		stream.awaitCount(2);
		assertThat(stream.texts()).containsExactly("one", "two");
	}

}
