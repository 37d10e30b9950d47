package com.myunla.gateway.session.redis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import org.jspecify.annotations.Nullable;

/**
 * Names the shard channels of a Redis Cluster: each instance subscribes to one channel
 * per slot, {@code <topic>:{<tag>}<instance id>}, where the tag hashes to the slot, and a
 * send publishes the message on the channel of the session's slot. The channel then lives
 * where the session's keys do, so that the send script touches one slot only (a cluster
 * may refuse a script that reaches another) and the message crosses no cluster-bus link
 * beyond the shard of the master serving the session. Every instance derives the same
 * names: the tag of a slot is the first string of a fixed enumeration (the numbers in
 * base 36) that hashes to it.
 *
 * <p>
 * Each master's channel of its lowest slot carries the liveness probes of that master's
 * channels (see {@link ShardChannels}). Until the first {@linkplain #update update} the
 * store is not known to be on a cluster: a send gets no prefix and publishes on the
 * classic channel.
 */
final class ShardRouting {

	private static final byte[] NONE = {};

	/** The tag of each slot. */
	private static final String[] TAGS = tags();

	private final String topic;

	/** The channel prefix of each slot, once a topology is known. */
	private volatile byte @Nullable [][] prefixes;

	ShardRouting(String topic) {
		this.topic = topic;
	}

	/**
	 * Takes the masters of a topology.
	 * @return the slots each master serves, by the channel prefix of its lowest slot
	 */
	Map<String, Set<Integer>> update(Partitions partitions) {
		Map<String, Set<Integer>> masters = new HashMap<>();
		for (RedisClusterNode node : partitions) {
			// only masters serve slots
			List<Integer> slots = node.getSlots();
			if (!slots.isEmpty()) {
				Set<Integer> sorted = new TreeSet<>(slots);
				masters.put(prefix(sorted.iterator().next()), sorted);
			}
		}
		if (this.prefixes == null) {
			byte[][] prefixes = new byte[SlotHash.SLOT_COUNT][];
			for (int slot = 0; slot < prefixes.length; slot++) {
				prefixes[slot] = SessionScripts.bytes(prefix(slot));
			}
			this.prefixes = prefixes;
		}
		return masters;
	}

	/**
	 * Returns the channel prefix of a slot.
	 */
	String prefix(int slot) {
		return this.topic + ":{" + TAGS[slot] + "}";
	}

	/**
	 * Returns the prefix of the shard channel in a key's slot: empty before the topology
	 * is known, and outside a cluster.
	 */
	byte[] prefix(byte[] key) {
		byte[][] prefixes = this.prefixes;
		return (prefixes != null) ? prefixes[SlotHash.getSlot(key)] : NONE;
	}

	/**
	 * Returns the tag of a slot: the first number, written in base 36, whose CRC16 puts
	 * it in the slot.
	 */
	static String tag(int slot) {
		return TAGS[slot];
	}

	private static String[] tags() {
		String[] tags = new String[SlotHash.SLOT_COUNT];
		int found = 0;
		for (int n = 0; found < tags.length; n++) {
			String candidate = Integer.toString(n, 36);
			int slot = SlotHash.getSlot(candidate);
			if (tags[slot] == null) {
				tags[slot] = candidate;
				found++;
			}
		}
		return tags;
	}

}
