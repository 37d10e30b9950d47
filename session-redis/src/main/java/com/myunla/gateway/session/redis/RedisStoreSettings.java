package com.myunla.gateway.session.redis;

import java.time.Duration;
import java.util.UUID;

import com.myunla.gateway.session.Redaction;
import com.myunla.gateway.session.StoreUnavailableException;

import org.springframework.util.Assert;

/**
 * Settings of a {@link RedisStore}.
 *
 * @param prefix prefix of every key
 * @param topic prefix of the pub/sub channels
 * @param instanceId this instance's id in the fleet; must differ between running
 * instances
 * @param ttl time after which an idle session expires
 * @param retention messages kept per session for resuming (Redis keeps this many, and up
 * to an eighth more, unless {@code retentionBytes} trims it first)
 * @param retentionBytes message data kept per session for resuming, in bytes (Redis keeps
 * at most this much, and at least seven eighths of it less one message once a session
 * sent more)
 * @param bufferSize messages a live stream may fall behind before it is disconnected
 * @param bufferBytes message data a live stream may fall behind before it is
 * disconnected, in bytes
 * @param maxMessageSize largest message data accepted, in bytes; at most
 * {@code retentionBytes} and {@code bufferBytes}
 * @param commandTimeout time after which a Redis operation fails with
 * {@link StoreUnavailableException}; the connection's client enforces it, the store
 * bounds its startup checks with it
 * @param probeInterval interval of the pub/sub liveness probe
 * @param streamOutageTimeout how long open streams stay open while this instance cannot
 * reach Redis (its liveness probes do not come back); then they end with
 * {@link StoreUnavailableException}, so that their clients resume, on any instance, with
 * their last event id
 * @param target description of the Redis deployment for error messages, such as
 * {@code "single mode, 127.0.0.1:6379"}
 * @param storedRedaction the request values replaced by {@value Redaction#REDACTED}
 * before a session's metadata is written to Redis ({@link Redaction#none()} keeps them in
 * clear, readable by every instance, and by whoever can read Redis, its replicas or its
 * persistence files, for the session's ttl)
 */
record RedisStoreSettings(String prefix, String topic, String instanceId, Duration ttl, int retention,
		long retentionBytes, int bufferSize, long bufferBytes, long maxMessageSize, Duration commandTimeout,
		Duration probeInterval, Duration streamOutageTimeout, String target, Redaction storedRedaction) {

	/**
	 * The default of {@link #streamOutageTimeout()}: longer than a failover takes, short
	 * enough that a client moves on before its instance falls far behind.
	 */
	public static final Duration DEFAULT_STREAM_OUTAGE_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * Creates settings.
	 * @throws IllegalArgumentException if a value can never work
	 */
	public RedisStoreSettings {
		Assert.hasText(prefix, "prefix must not be empty");
		Assert.hasText(topic, "topic must not be empty");
		Assert.hasText(instanceId, "instanceId must not be empty");
		Assert.isTrue(instanceId.chars().noneMatch((c) -> Character.isWhitespace(c) || Character.isISOControl(c)),
				"instanceId must not contain whitespace or control characters");
		Assert.isTrue(ttl != null && ttl.toMillis() > 0, "ttl must be at least 1ms");
		Assert.isTrue(retention >= 1, "retention must be at least 1");
		Assert.isTrue(bufferSize >= 1, "bufferSize must be at least 1");
		Assert.isTrue(maxMessageSize >= 1, "maxMessageSize must be at least 1");
		Assert.isTrue(maxMessageSize <= retentionBytes,
				() -> "maxMessageSize (" + maxMessageSize + ") must not exceed retentionBytes (" + retentionBytes
						+ "): a message that large could never be retained");
		Assert.isTrue(maxMessageSize <= bufferBytes, () -> "maxMessageSize (" + maxMessageSize
				+ ") must not exceed bufferBytes (" + bufferBytes + "): a message that large could never be delivered");
		Assert.isTrue(commandTimeout != null && commandTimeout.toMillis() > 0, "commandTimeout must be positive");
		Assert.isTrue(probeInterval != null && probeInterval.toMillis() > 0, "probeInterval must be positive");
		Assert.isTrue(streamOutageTimeout != null && streamOutageTimeout.toMillis() > 0,
				"streamOutageTimeout must be positive");
		Assert.hasText(target, "target must not be empty");
		Assert.notNull(storedRedaction, "storedRedaction must not be null");
	}

	/**
	 * Creates settings that keep no request secret of the
	 * {@linkplain Redaction#defaults() default redaction} in Redis, and end open streams
	 * after {@link #DEFAULT_STREAM_OUTAGE_TIMEOUT} without Redis.
	 * @param prefix prefix of every key
	 * @param topic prefix of the pub/sub channels
	 * @param instanceId this instance's id in the fleet; must differ between running
	 * instances
	 * @param ttl time after which an idle session expires
	 * @param retention messages kept per session for resuming
	 * @param retentionBytes message data kept per session for resuming, in bytes
	 * @param bufferSize messages a live stream may fall behind before it is disconnected
	 * @param bufferBytes message data a live stream may fall behind before it is
	 * disconnected, in bytes
	 * @param maxMessageSize largest message data accepted, in bytes
	 * @param commandTimeout time after which a Redis operation fails with
	 * {@link StoreUnavailableException}
	 * @param probeInterval interval of the pub/sub liveness probe
	 * @param target description of the Redis deployment for error messages
	 * @throws IllegalArgumentException if a value can never work
	 */
	RedisStoreSettings(String prefix, String topic, String instanceId, Duration ttl, int retention, long retentionBytes,
			int bufferSize, long bufferBytes, long maxMessageSize, Duration commandTimeout, Duration probeInterval,
			String target) {
		this(prefix, topic, instanceId, ttl, retention, retentionBytes, bufferSize, bufferBytes, maxMessageSize,
				commandTimeout, probeInterval, DEFAULT_STREAM_OUTAGE_TIMEOUT, target, Redaction.defaults());
	}

	/**
	 * Returns a random instance id, for settings of an instance that has no configured
	 * one.
	 * @return a new random instance id
	 */
	public static String randomInstanceId() {
		return UUID.randomUUID().toString();
	}

}
