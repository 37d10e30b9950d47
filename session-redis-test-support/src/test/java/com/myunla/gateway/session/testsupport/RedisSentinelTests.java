package com.myunla.gateway.session.testsupport;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RedisSentinel}.
 */
@RequiresRedis
class RedisSentinelTests {

	@Test
	void killedMasterIsReplacedByTheReplica() {
		try (RedisSentinel group = RedisSentinel.builder().masterName("sessions").start()) {
			assertThat(group.masterName()).isEqualTo("sessions");
			assertThat(group.sentinelAddresses().split(",")).hasSize(3);
			assertThat(group.currentMasterAddress()).isEqualTo(group.master().address());
			assertThat(group.replica().command("INFO", "replication")).contains("role:slave", "master_link_status:up");
			group.master().kill();
			String newMaster = group.awaitFailover(Duration.ofSeconds(60));
			assertThat(newMaster).isEqualTo(group.replica().address());
			assertThat(group.currentMasterAddress()).isEqualTo(newMaster);
			assertThat(group.node(newMaster).command("SET", "key", "value")).isEqualTo("OK");
		}
	}

	@Test
	void sentinelsAndDataNodesRequireTheirCredentialsOverTls() {
		RedisOptions options = RedisOptions.defaults().withUser("app", "data-secret").withTls();
		try (RedisSentinel group = RedisSentinel.builder()
			.options(options)
			.sentinelUser("watcher", "sentinel-secret")
			.start()) {
			assertThat(group.masterName()).isEqualTo(RedisSentinel.DEFAULT_MASTER_NAME);
			assertThat(group.caCertificate()).exists();
			assertThat(group.currentMasterAddress()).isEqualTo(group.master().address());
			assertThat(group.master().command("ACL", "WHOAMI")).isEqualTo("app");
			RedisNode sentinel = group.sentinels().get(0);
			assertThat(sentinel.options().username()).isEqualTo("watcher");
			assertThat(sentinel.command("ACL", "WHOAMI")).isEqualTo("watcher");
			assertThatExceptionOfType(RedisCommandException.class)
				.isThrownBy(() -> sentinel.connect(RedisOptions.defaults().withUser("watcher", "data-secret"),
						Duration.ofSeconds(5)))
				.satisfies((ex) -> assertThat(ex.reply()).startsWith("WRONGPASS"));
		}
	}

}
