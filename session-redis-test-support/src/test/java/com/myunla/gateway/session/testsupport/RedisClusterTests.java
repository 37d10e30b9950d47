package com.myunla.gateway.session.testsupport;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RedisCluster}. One cluster serves every test, as creating one takes
 * seconds; the failover test runs last since it changes which nodes are masters.
 */
@RequiresRedis
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterTests {

	private static RedisCluster cluster;

	@BeforeAll
	static void startCluster() {
		cluster = RedisCluster.builder().nodeTimeout(Duration.ofSeconds(2)).start();
	}

	@AfterAll
	static void stopCluster() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	@Order(1)
	void threeMastersWithOneLinkedReplicaEach() {
		assertThat(cluster.nodes()).hasSize(6);
		assertThat(cluster.seedAddresses().split(",")).hasSize(6)
			.allMatch((address) -> address.startsWith("127.0.0.1:"));
		List<RedisNode> masters = cluster.masters();
		List<RedisNode> replicas = cluster.replicas();
		assertThat(masters).hasSize(3);
		assertThat(replicas).hasSize(3);
		for (RedisNode node : cluster.nodes()) {
			assertThat(node.command("CLUSTER", "INFO")).contains("cluster_state:ok", "cluster_known_nodes:6",
					"cluster_slots_ok:16384");
		}
		for (RedisNode replica : replicas) {
			assertThat(replica.command("INFO", "replication")).contains("master_link_status:up");
		}
		assertThat(masters)
			.allSatisfy((master) -> assertThat(master.command("INFO", "replication")).contains("connected_slaves:1"));
	}

	@Test
	@Order(2)
	void masterForKeyServesTheKeyAndOtherMastersRedirect() {
		String key = "session:{abc}:meta";
		RedisNode owner = cluster.masterForKey(key);
		assertThat(cluster.slot(key)).isEqualTo(cluster.slot("{abc}"));
		assertThat(owner.command("SET", key, "value")).isEqualTo("OK");
		for (RedisNode other : cluster.masters()) {
			if (other != owner) {
				assertThatExceptionOfType(RedisCommandException.class).isThrownBy(() -> other.command("GET", key))
					.satisfies((ex) -> assertThat(ex.reply())
						.isEqualTo("MOVED " + cluster.slot(key) + " " + owner.address()));
			}
		}
		assertThat(cluster.node(owner.address())).isSameAs(owner);
	}

	@Test
	@Order(3)
	void killedMasterIsReplacedAndRejoinsAsReplicaAfterRestart() {
		String key = "failover";
		RedisNode oldMaster = cluster.masterForKey(key);
		oldMaster.kill();
		RedisNode newMaster = Polling.await("a replica to take over slot of '" + key + "'", Duration.ofSeconds(30),
				() -> {
					RedisNode master = cluster.masterForKey(key);
					return (master != oldMaster) ? master : null;
				});
		assertThat(newMaster.command("INFO", "replication")).contains("role:master");
		oldMaster.restart();
		cluster.awaitHealthy(Duration.ofSeconds(60));
		assertThat(oldMaster.command("INFO", "replication")).contains("role:slave");
		assertThat(cluster.masterForKey(key)).isSameAs(newMaster);
	}

}
