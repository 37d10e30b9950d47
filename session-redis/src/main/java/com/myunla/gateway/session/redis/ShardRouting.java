package com.myunla.gateway.session.redis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import org.jspecify.annotations.Nullable;

/**
 * Names the shard channels of a Redis Cluster: each instance subscribes, on every master,
 * to {@code <topic>:{<tag>}<instance id>}, where the tag hashes to the lowest slot the
 * master serves, and a send publishes the message on the channel of the master serving
 * the session. Every instance derives the same names from the same topology: the tag of a
 * slot is the first string of a fixed enumeration (the numbers in base 36) that hashes to
 * it.
 *
 * <p>
 * Holds the channel prefix of each master as of the last {@linkplain #update update}; a
 * send to a master it does not know yet gets no prefix and publishes on the classic
 * channel.
 */
final class ShardRouting {

	private static final byte[] NONE = {};

	/** Tags found so far, by slot; each is the same whichever thread finds it. */
	private static final String[] TAGS = new String[SlotHash.SLOT_COUNT];

	private final String topic;

	private volatile @Nullable Partitions partitions;

	private volatile Map<String, byte[]> prefixes = Map.of();

	ShardRouting(String topic) {
		this.topic = topic;
	}

	/**
	 * Takes the channel prefixes of the masters of a topology.
	 * @return the prefix of each master, by node id
	 */
	Map<String, String> update(Partitions partitions) {
		Map<String, String> prefixes = new HashMap<>();
		for (RedisClusterNode node : partitions) {
			// only masters serve slots
			List<Integer> slots = node.getSlots();
			if (!slots.isEmpty()) {
				int lowest = slots.stream().mapToInt(Integer::intValue).min().getAsInt();
				prefixes.put(node.getNodeId(), this.topic + ":{" + tag(lowest) + "}");
			}
		}
		Map<String, byte[]> bytes = new HashMap<>();
		prefixes.forEach((node, prefix) -> bytes.put(node, SessionScripts.bytes(prefix)));
		this.partitions = partitions;
		this.prefixes = bytes;
		return prefixes;
	}

	/**
	 * Returns the prefix of the shard channel of the master serving a key: empty when the
	 * topology is unknown, and outside a cluster.
	 */
	byte[] prefix(byte[] key) {
		Partitions partitions = this.partitions;
		if (partitions == null) {
			return NONE;
		}
		RedisClusterNode node = partitions.getPartitionBySlot(SlotHash.getSlot(key));
		byte[] prefix = (node != null) ? this.prefixes.get(node.getNodeId()) : null;
		return (prefix != null) ? prefix : NONE;
	}

	/**
	 * Returns the tag of a slot: the first number, written in base 36, whose CRC16 puts
	 * it in the slot.
	 */
	static String tag(int slot) {
		String tag = TAGS[slot];
		if (tag == null) {
			for (int n = 0;; n++) {
				String candidate = Integer.toString(n, 36);
				if (SlotHash.getSlot(candidate) == slot) {
					tag = candidate;
					break;
				}
			}
			// A plain array: a thread that does not see another's result finds the same
			// string again.
			TAGS[slot] = tag;
		}
		return tag;
	}

}
