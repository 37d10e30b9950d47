package com.myunla.gateway.session.testsupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@link ServerKind#VALKEY} starts real Valkey processes: a single node and a
 * healthy cluster of three masters and three replicas.
 */
@RequiresValkey
class ValkeyTests {

	@Test
	void singleNodeIsValkey() {
		try (RedisSingle valkey = RedisSingle.start(ServerKind.VALKEY)) {
			String info = valkey.command("INFO", "server");
			assertThat(RedisNode.field(info, "server_name")).isEqualTo("valkey");
			assertThat(RedisNode.field(info, "valkey_version")).isEqualTo("8.0.1");
			assertThat(valkey.command("SET", "greeting", "hello")).isEqualTo("OK");
			assertThat(valkey.command("GET", "greeting")).isEqualTo("hello");
		}
	}

	@Test
	void clusterOfValkeyNodesStartsHealthy() {
		try (RedisCluster cluster = RedisCluster.builder().server(ServerKind.VALKEY).start()) {
			assertThat(cluster.masters()).hasSize(3);
			assertThat(cluster.replicas()).hasSize(3);
			for (RedisNode node : cluster.nodes()) {
				assertThat(RedisNode.field(node.command("INFO", "server"), "valkey_version")).isEqualTo("8.0.1");
				assertThat(node.command("CLUSTER", "INFO")).contains("cluster_state:ok", "cluster_known_nodes:6",
						"cluster_slots_ok:16384");
			}
			String key = "session:{abc}:meta";
			assertThat(cluster.masterForKey(key).command("SET", key, "value")).isEqualTo("OK");
		}
	}

}
