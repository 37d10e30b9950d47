package com.myunla.gateway.session.redis;

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

	String meta(String id) {
		return this.prefix + ":{" + id + "}:meta";
	}

	String log(String id) {
		return this.prefix + ":{" + id + "}:log";
	}

	String index() {
		return this.prefix + ":index";
	}

	String channelPrefix() {
		return this.channelPrefix;
	}

	String channel(String instanceId) {
		return this.channelPrefix + instanceId;
	}

}
