package com.myunla.gateway.session.testsupport;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link TcpFaultProxy}, in front of a real Redis server.
 */
@RequiresRedis
class TcpFaultProxyTests {

	/**
	 * How long a read waits for a reply that a black-holed connection must never bring.
	 */
	private static final Duration SHORT = Duration.ofMillis(300);

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Test
	void forwardsCommandsAndReplies() throws IOException {
		try (RedisSingle redis = RedisSingle.start();
				TcpFaultProxy proxy = TcpFaultProxy.start(redis.host(), redis.port());
				RespClient client = connect(proxy, TIMEOUT)) {
			assertThat(proxy.address()).isEqualTo("127.0.0.1:" + proxy.port());
			assertThat(client.call("SET", "proxied", "value")).isEqualTo("OK");
			assertThat(client.call("GET", "proxied")).isEqualTo("value");
			assertThat(proxy.workingConnections()).isEqualTo(1);
		}
	}

	@Test
	void blackHoleSilencesTheOpenConnectionsWithoutClosingThemAndServesNewOnes() throws IOException {
		try (RedisSingle redis = RedisSingle.start();
				TcpFaultProxy proxy = TcpFaultProxy.start(redis.host(), redis.port());
				RespClient old = connect(proxy, TIMEOUT)) {
			assertThat(old.call("CLIENT", "SETNAME", "black-holed")).isEqualTo("OK");
			old.readTimeout(SHORT);
			assertThat(proxy.blackHole()).isEqualTo(1);
			assertThat(proxy.workingConnections()).isZero();
			assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(() -> old.call("PING"));
			// the server keeps its side open, and a close there does not reach the client
			assertThat(redis.command("CLIENT", "LIST")).contains("name=black-holed");
			redis.command("CLIENT", "KILL", "SKIPME", "yes", "LADDR", redis.address());
			assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(() -> old.call("PING"));
			try (RespClient fresh = connect(proxy, TIMEOUT)) {
				assertThat(fresh.call("PING")).isEqualTo("PONG");
				assertThat(proxy.workingConnections()).isEqualTo(1);
			}
		}
	}

	@Test
	void closeOfAWorkingConnectionReachesTheOtherSide() throws IOException {
		try (RedisSingle redis = RedisSingle.start();
				TcpFaultProxy proxy = TcpFaultProxy.start(redis.host(), redis.port())) {
			try (RespClient client = connect(proxy, TIMEOUT)) {
				client.call("CLIENT", "SETNAME", "closing");
			}
			await().atMost(TIMEOUT).until(() -> !redis.command("CLIENT", "LIST").contains("name=closing"));
			await().atMost(TIMEOUT).until(() -> proxy.workingConnections() == 0);
		}
	}

	private static RespClient connect(TcpFaultProxy proxy, Duration timeout) throws IOException {
		return RespClient.connect("127.0.0.1", proxy.port(), RedisOptions.defaults(), null, timeout);
	}

}
