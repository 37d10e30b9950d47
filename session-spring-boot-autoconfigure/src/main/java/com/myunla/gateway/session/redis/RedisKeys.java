package com.myunla.gateway.session.redis;

import java.nio.charset.StandardCharsets;

/**
 * Names of the store's Redis keys and channels. A session's keys carry its id as a hash tag so that they
 * share one cluster slot and one Lua script can update them together.
 */
final class RedisKeys {

	private final String prefix;

	private final String channelPrefix;

	RedisKeys(String prefix, String topic) {
		this.prefix = prefix;
		this.channelPrefix = topic + ":";
	}

	byte[] meta(String id) {
		return bytes(this.prefix + ":{" + id + "}:meta");
	}

	byte[] log(String id) {
		return bytes(this.prefix + ":{" + id + "}:log");
	}

	byte[] index() {
		return bytes(this.prefix + ":index");
	}

	String channelPrefix() {
		return this.channelPrefix;
	}

	String channel(String instanceId) {
		return this.channelPrefix + instanceId;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
