package com.myunla.gateway.session.testsupport;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code CLUSTER NODES} reply: one line per node, {@code <id> <ip:port@busport>
 * <flags> <master> <ping-sent> <pong-received> <epoch> <link-state> <slot> <slot> ...}.
 */
final class ClusterNodes {

	private ClusterNodes() {
	}

	/**
	 * Returns the address of the healthy master that serves a slot.
	 * @param reply the {@code CLUSTER NODES} reply
	 * @param slot the slot
	 * @return {@code host:port}, or {@code null} if no healthy master serves the slot
	 */
	static @Nullable String masterOf(String reply, int slot) {
		for (String line : reply.split("\n")) {
			String[] fields = line.strip().split(" ");
			if (fields.length < 8 || !isHealthyMaster(fields[2])) {
				continue;
			}
			for (int i = 8; i < fields.length; i++) {
				if (servesSlot(fields[i], slot)) {
					return address(fields[1]);
				}
			}
		}
		return null;
	}

	private static boolean isHealthyMaster(String flags) {
		List<String> list = List.of(flags.split(","));
		return list.contains("master") && !list.contains("fail");
	}

	private static boolean servesSlot(String range, int slot) {
		// Entries in brackets are slots being imported or migrated; their owner is listed
		// with a plain range.
		if (range.startsWith("[")) {
			return false;
		}
		int dash = range.indexOf('-');
		int first = Integer.parseInt((dash < 0) ? range : range.substring(0, dash));
		int last = (dash < 0) ? first : Integer.parseInt(range.substring(dash + 1));
		return first <= slot && slot <= last;
	}

	private static String address(String nodeField) {
		// ip:port@busport, followed by ",hostname" when the node announces one
		int at = nodeField.indexOf('@');
		return (at < 0) ? nodeField : nodeField.substring(0, at);
	}

}
