package com.myunla.gateway.session.redis;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode.NodeFlag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The names of the shard channels: every instance must derive the same ones from the same
 * topology.
 */
class ShardRoutingTests {

	@Test
	void theTagOfASlotIsTheFirstNumberInBase36ThatHashesToIt() {
		for (int slot : List.of(0, 1, 5460, 5461, 10922, 10923, 16383)) {
			String tag = ShardRouting.tag(slot);
			assertThat(SlotHash.getSlot(tag)).isEqualTo(slot);
			int number = Integer.parseInt(tag, 36);
			assertThat(IntStream.range(0, number).mapToObj((n) -> Integer.toString(n, 36)))
				.noneMatch((earlier) -> SlotHash.getSlot(earlier) == slot);
		}
	}

	@Test
	void aKeyGetsThePrefixOfItsSlotAndEachMasterIsNamedByItsLowestSlot() {
		Partitions partitions = new Partitions();
		partitions.add(master("m1", 7001, IntStream.range(0, 8192)));
		partitions.add(master("m2", 7002, IntStream.range(8192, 16384)));
		partitions.add(new RedisClusterNode(RedisURI.create("127.0.0.1", 7003), "r1", true, "m1", 0, 0, 0, List.of(),
				Set.of(NodeFlag.REPLICA)));
		partitions.updateCache();
		ShardRouting routing = new ShardRouting("t");
		assertThat(routing.prefix(SessionScripts.bytes("{a}"))).isEmpty();
		Map<String, Set<Integer>> masters = routing.update(partitions);
		assertThat(masters).containsOnlyKeys("t:{" + ShardRouting.tag(0) + "}", "t:{" + ShardRouting.tag(8192) + "}");
		assertThat(masters.get("t:{" + ShardRouting.tag(0) + "}")).hasSize(8192).contains(0, 8191);
		String key = "session:{a}:meta";
		String prefix = SessionScripts.text(routing.prefix(SessionScripts.bytes(key)));
		assertThat(prefix).isEqualTo("t:{" + ShardRouting.tag(SlotHash.getSlot(key)) + "}");
		// the channel is in the session's slot
		assertThat(SlotHash.getSlot(prefix + "instance")).isEqualTo(SlotHash.getSlot(key));
	}

	private static RedisClusterNode master(String id, int port, IntStream slots) {
		return new RedisClusterNode(RedisURI.create("127.0.0.1", port), id, true, null, 0, 0, 0, slots.boxed().toList(),
				Set.of(NodeFlag.UPSTREAM));
	}

}
