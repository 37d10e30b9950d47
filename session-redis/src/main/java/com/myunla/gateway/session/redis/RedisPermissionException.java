package com.myunla.gateway.session.redis;

import java.util.List;

/**
 * Thrown when a {@link RedisStore} starts with a Redis user that may not run what the
 * store needs: a command, its keys (under the key prefix) or its channels (under the
 * topic). The message names each refused command with its key or channel, and the ACL
 * rules the user lacks.
 */
public class RedisPermissionException extends IllegalStateException {

	private final List<String> missingRules;

	private final String prefix;

	private final String topic;

	/**
	 * Creates the exception.
	 * @param message the message, naming what Redis refused
	 * @param missingRules the ACL rules the user lacks, such as {@code +xadd},
	 * {@code ~session:*} or {@code &session_updates*}
	 * @param prefix the store's key prefix
	 * @param topic the store's channel prefix
	 */
	public RedisPermissionException(String message, List<String> missingRules, String prefix, String topic) {
		super(message);
		this.missingRules = List.copyOf(missingRules);
		this.prefix = prefix;
		this.topic = topic;
	}

	/**
	 * Returns the ACL rules the user lacks.
	 * @return the rules, such as {@code +xadd}, {@code ~session:*} or
	 * {@code &session_updates*}
	 */
	public List<String> getMissingRules() {
		return this.missingRules;
	}

	/**
	 * Returns the store's key prefix.
	 * @return the prefix
	 */
	public String getPrefix() {
		return this.prefix;
	}

	/**
	 * Returns the store's channel prefix.
	 * @return the topic
	 */
	public String getTopic() {
		return this.topic;
	}

}
