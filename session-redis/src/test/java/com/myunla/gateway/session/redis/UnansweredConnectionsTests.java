package com.myunla.gateway.session.redis;

import java.time.Duration;

import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import com.myunla.gateway.session.testsupport.TcpFaultProxy;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link UnansweredConnections}, with a Lettuce connection through a
 * {@link TcpFaultProxy} to a real Redis server.
 */
@RequiresRedis
class UnansweredConnectionsTests {

	private static final Duration TIMEOUT = Duration.ofMillis(300);

	@Test
	void connectionThatStillAnswersIsKept() {
		try (Connected connected = new Connected()) {
			long id = connected.connection.sync().clientId();
			connected.watch.commandTimedOut();
			await().atMost(Duration.ofSeconds(10)).until(() -> !connected.watch.isChecking());
			assertThat(connected.connection.sync().clientId()).as("client id after the check").isEqualTo(id);
			assertThat(connected.proxy.workingConnections()).isEqualTo(1);
		}
	}

	@Test
	void connectionThatStoppedAnsweringIsReconnected() {
		try (Connected connected = new Connected()) {
			long id = connected.connection.sync().clientId();
			assertThat(connected.proxy.blackHole()).isEqualTo(1);
			connected.watch.commandTimedOut();
			// the commands time out until the connection is replaced
			await().atMost(Duration.ofSeconds(10))
				.ignoreExceptions()
				.until(() -> connected.connection.sync().clientId() != id);
			assertThat(connected.proxy.workingConnections()).isEqualTo(1);
		}
	}

	/**
	 * A Redis server, the proxy in front of it, a Lettuce client with a short command
	 * timeout, its connection through the proxy, and the watch of that connection.
	 */
	private static final class Connected implements AutoCloseable {

		final RedisSingle redis = RedisSingle.start();

		final TcpFaultProxy proxy = TcpFaultProxy.start(this.redis.host(), this.redis.port());

		final RedisClient client = RedisClient.create(RedisURI.create("redis://" + this.proxy.address()));

		final StatefulRedisConnection<byte[], byte[]> connection;

		final UnansweredConnections watch = new UnansweredConnections(TIMEOUT, "single mode");

		@SuppressWarnings("unchecked")
		Connected() {
			this.client.setOptions(ClientOptions.builder().timeoutOptions(TimeoutOptions.enabled(TIMEOUT)).build());
			this.connection = this.client.connect(ByteArrayCodec.INSTANCE);
			this.watch.watch((RedisClusterAsyncCommands<byte[], byte[]>) this.connection.async());
		}

		@Override
		public void close() {
			try {
				this.client.shutdown();
			}
			finally {
				this.proxy.close();
				this.redis.close();
			}
		}

	}

}
