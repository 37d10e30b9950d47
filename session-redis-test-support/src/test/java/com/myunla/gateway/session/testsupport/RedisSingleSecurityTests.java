package com.myunla.gateway.session.testsupport;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Tests for {@link RedisSingle} with authentication and TLS.
 */
@RequiresRedis
class RedisSingleSecurityTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@Test
	void aclUserAuthenticatesAndWrongPasswordsAreRefused() throws IOException {
		try (RedisSingle redis = RedisSingle.start(RedisOptions.defaults().withUser("app", "s3cret"))) {
			assertThat(redis.command("ACL", "WHOAMI")).isEqualTo("app");
			RedisOptions wrongPassword = RedisOptions.defaults().withUser("app", "wrong");
			assertThatExceptionOfType(RedisCommandException.class)
				.isThrownBy(() -> connect(redis, wrongPassword).close())
				.satisfies((ex) -> assertThat(ex.reply()).startsWith("WRONGPASS"));
			try (RespClient anonymous = connect(redis, RedisOptions.defaults())) {
				assertThatExceptionOfType(RedisCommandException.class).isThrownBy(() -> anonymous.call("PING"))
					.satisfies((ex) -> assertThat(ex.reply()).startsWith("NOAUTH"));
			}
			try (RespClient defaultUser = connect(redis, RedisOptions.defaults().withPassword("s3cret"))) {
				assertThat(defaultUser.call("ACL", "WHOAMI")).isEqualTo("default");
			}
		}
	}

	@Test
	void tlsNodeTrustedThroughTheCaCertificate() throws IOException {
		RedisOptions options = RedisOptions.defaults().withPassword("s3cret").withTls();
		try (RedisSingle redis = RedisSingle.start(options)) {
			assertThat(redis.caCertificate()).exists().content().startsWith("-----BEGIN CERTIFICATE-----");
			assertThat(redis.command("PING")).isEqualTo("PONG");
			assertThat(redis.command("CONFIG", "GET", "port")).isEqualTo("port\n0");
			assertThatIOException().isThrownBy(() -> connectWithoutTls(redis, options).close());
			try (RespClient overTls = connect(redis, options)) {
				assertThat(overTls.call("PING")).isEqualTo("PONG");
			}
		}
	}

	private static RespClient connect(RedisSingle redis, RedisOptions credentials) throws IOException {
		return redis.node().connect(credentials, TIMEOUT);
	}

	private static RespClient connectWithoutTls(RedisSingle redis, RedisOptions credentials) throws IOException {
		return RespClient.connect(redis.host(), redis.port(), credentials, null, TIMEOUT);
	}

}
