package com.myunla.gateway.session.redis;

import java.time.Duration;
import java.util.List;

import io.lettuce.core.SocketOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RedisStoreBuilder} that need no Redis server: argument checks, mode
 * validation and the description of the target. Every invalid combination fails in
 * {@link RedisStoreBuilder#build()} before any connection is attempted.
 */
class RedisStoreBuilderTests {

	@Test
	void defaultsToSingleModeOnLocalhost() {
		assertThat(RedisStore.builder().connection.describe()).isEqualTo("single mode, localhost:6379, db 0");
	}

	@Test
	void socketsMakeTheKernelCloseAConnectionWhosePeerWentSilent() {
		SocketOptions options = RedisStoreClient.socketOptions(Duration.ofSeconds(3));
		assertThat(options.getConnectTimeout()).isEqualTo(Duration.ofSeconds(3));
		// The build runs on Linux with Netty's epoll transport on the classpath (Reactor
		// Netty brings it), where both options apply.
		assertThat(options.isKeepAlive()).isTrue();
		assertThat(options.getKeepAlive().getIdle()).isEqualTo(Duration.ofSeconds(15));
		assertThat(options.getKeepAlive().getInterval()).isEqualTo(Duration.ofSeconds(5));
		assertThat(options.getKeepAlive().getCount()).isEqualTo(3);
		assertThat(options.isEnableTcpUserTimeout()).isTrue();
		assertThat(options.getTcpUserTimeout().getTcpUserTimeout()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void singleModeTakesOneAddress() {
		RedisStoreBuilder builder = RedisStore.builder().addresses("a:1,b:2");
		assertThatExceptionOfType(RedisSettingsException.class).isThrownBy(builder::build)
			.withMessage(
					"Single mode takes one Redis address, was [a:1, b:2] (use cluster or sentinel mode for several)")
			.satisfies((ex) -> assertThat(ex.getSettings()).containsExactly("addresses", "mode"));
	}

	@Test
	void sentinelModeNeedsTheMasterName() {
		RedisStoreBuilder builder = RedisStore.builder().addresses("a:26379,b:26379").mode(RedisMode.SENTINEL);
		assertThatExceptionOfType(RedisSettingsException.class).isThrownBy(builder::build)
			.withMessage("Sentinel mode needs the master name")
			.satisfies((ex) -> assertThat(ex.getSettings()).containsExactly("masterName"));
	}

	@Test
	void clusterModeHasDatabaseZeroOnly() {
		RedisStoreBuilder builder = RedisStore.builder().mode(RedisMode.CLUSTER).database(3);
		assertThatExceptionOfType(RedisSettingsException.class).isThrownBy(builder::build)
			.withMessage("Redis Cluster has database 0 only, was 3")
			.satisfies((ex) -> assertThat(ex.getSettings()).containsExactly("database", "mode"));
	}

	@Test
	void masterNameAndSentinelCredentialsAreForSentinelModeOnly() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RedisStore.builder().mode(RedisMode.CLUSTER).masterName("mymaster").build())
			.withMessage("A master name is for sentinel mode only, the mode is cluster");
		assertThatIllegalArgumentException().isThrownBy(() -> RedisStore.builder().sentinelPassword("secret").build())
			.withMessage("Sentinel credentials are for sentinel mode only, the mode is single");
	}

	@Test
	void emptyCredentialsMeanNone() {
		RedisStoreBuilder builder = RedisStore.builder().username("").password("").masterName("");
		assertThat(builder.connection.username).isNull();
		assertThat(builder.connection.password).isNull();
		assertThat(builder.connection.masterName).isNull();
	}

	@Test
	void addressesAsAListParseEachEntry() {
		RedisStoreBuilder builder = RedisStore.builder().addresses(List.of("[::1]:7000", "h:7001"));
		assertThat(builder.connection.addresses).containsExactly(new HostAndPort("::1", 7000),
				new HostAndPort("h", 7001));
		assertThatIllegalArgumentException().isThrownBy(() -> RedisStore.builder().addresses(List.of()))
			.withMessage("Redis addresses must name at least one host:port");
		assertThatIllegalArgumentException().isThrownBy(() -> RedisStore.builder().addresses(List.of("h:1,h:2")))
			.withMessageContaining("Redis address 'h:1,h:2' is not host:port");
	}

	@Test
	void targetNamesModeAddressesAndTlsButNoCredentials() {
		assertThat(RedisStore.builder()
			.addresses("[::1]:7000,[::1]:7001")
			.mode(RedisMode.CLUSTER)
			.password("secret")
			.ssl().connection.describe()).isEqualTo("cluster mode, seed nodes [::1]:7000,[::1]:7001, TLS");
		assertThat(RedisStore.builder()
			.addresses("s1:26379,s2:26379")
			.mode(RedisMode.SENTINEL)
			.masterName("mymaster")
			.database(2)
			.sentinelPassword("secret").connection.describe())
			.isEqualTo("sentinel mode, sentinels s1:26379,s2:26379, master 'mymaster'");
	}

	@Test
	void settersRejectValuesThatCanNeverWork() {
		RedisStoreBuilder builder = RedisStore.builder();
		assertThatIllegalArgumentException().isThrownBy(() -> builder.mode(null))
			.withMessage("Redis mode must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.database(-1))
			.withMessage("Redis database must not be negative, was -1");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.ttl(Duration.ZERO))
			.withMessage("Redis session store ttl must be at least 1ms, was PT0S");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.commandTimeout(Duration.ofSeconds(-1)))
			.withMessage("Redis command timeout must be positive, was PT-1S");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.retention(0))
			.withMessage("Redis session store retention must be at least 1, was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.maxMessageSize(512L * 1024 * 1024 + 1))
			.withMessage("Redis session store maxMessageSize must be at most 512MB, was 536870913");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.prefix(" "))
			.withMessage("Redis key prefix must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.ssl(null))
			.withMessage("SSL options must not be null");
	}

	@Test
	void badInstanceIdFailsBeforeConnecting() {
		RedisStoreBuilder builder = RedisStore.builder().addresses("127.0.0.1:1").instanceId("has space");
		assertThatIllegalArgumentException().isThrownBy(builder::build)
			.withMessageContaining("instanceId must not contain whitespace");
	}

	@Test
	void byteLimitsBelowOneAreRejected() {
		RedisStoreBuilder builder = RedisStore.builder();
		assertThatIllegalArgumentException().isThrownBy(() -> builder.bufferBytes(0))
			.withMessage("Redis session store bufferBytes must be at least 1, was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.retentionBytes(-1))
			.withMessage("Redis session store retentionBytes must be at least 1, was -1");
	}

	@Test
	void maxMessageSizeBeyondAByteLimitFailsBeforeConnecting() {
		RedisStoreBuilder builder = RedisStore.builder().addresses("127.0.0.1:1").maxMessageSize(2048);
		assertThatIllegalArgumentException().isThrownBy(() -> builder.bufferBytes(2047).build())
			.withMessage("Redis session store maxMessageSize (2048) must not exceed bufferBytes (2047): "
					+ "a message that large could never be delivered");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.bufferBytes(2048).retentionBytes(1024).build())
			.withMessage("Redis session store maxMessageSize (2048) must not exceed retentionBytes (1024): "
					+ "a message that large could never be retained");
	}

}
