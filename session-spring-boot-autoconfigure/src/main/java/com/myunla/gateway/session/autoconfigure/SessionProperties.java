package com.myunla.gateway.session.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of the session store, bound from {@code session.*}.
 *
 * <p>
 * Setters reject values that can never work, so a bad setting stops the application at
 * startup with a message naming the property.
 */
@ConfigurationProperties(prefix = "session", ignoreUnknownFields = false)
public class SessionProperties {

	/**
	 * Store backend: 'memory' keeps sessions in this process, 'redis' shares them with
	 * the whole fleet.
	 */
	private StoreType type = StoreType.MEMORY;

	/**
	 * Messages kept per session so that a client reconnecting with its last event id gets
	 * what it missed.
	 */
	private int retention = 256;

	/**
	 * Message data kept at most per session for resuming; the oldest messages are dropped
	 * first. Twice the buffer by default, so that a stream cut as a slow consumer resumes
	 * without a gap unless another buffer's worth was sent meanwhile.
	 */
	private DataSize retentionBytes = DataSize.ofMegabytes(2);

	/**
	 * Messages a live stream may fall behind before it is disconnected with a
	 * slow-consumer error.
	 */
	private int bufferSize = 256;

	/**
	 * Message data a live stream may fall behind before it is disconnected with a
	 * slow-consumer error: what a stream that never reads can pin on the heap.
	 */
	private DataSize bufferBytes = DataSize.ofMegabytes(1);

	/**
	 * Largest message data accepted by send; at most retention-bytes and buffer-bytes.
	 * 256KB by default, so that the default buffer holds at least four messages.
	 */
	private DataSize maxMessageSize = DataSize.ofKilobytes(256);

	/**
	 * Settings of the in-memory store.
	 */
	@NestedConfigurationProperty
	private final SessionMemoryProperties memory = new SessionMemoryProperties();

	/**
	 * Settings of the Redis store.
	 */
	@NestedConfigurationProperty
	private final SessionRedisProperties redis = new SessionRedisProperties();

	/**
	 * Settings of the HTTP endpoints.
	 */
	@NestedConfigurationProperty
	private final SessionWebProperties web = new SessionWebProperties();

	/**
	 * Which request values are secrets and are redacted.
	 */
	@NestedConfigurationProperty
	private final SessionRedactionProperties redaction = new SessionRedactionProperties();

	/**
	 * Returns the store backend.
	 * @return the store type
	 */
	public StoreType getType() {
		return this.type;
	}

	/**
	 * Sets the store backend.
	 * @param type the store type
	 */
	public void setType(StoreType type) {
		this.type = type;
	}

	/**
	 * Returns the number of messages kept per session for resuming.
	 * @return the retention, in messages
	 */
	public int getRetention() {
		return this.retention;
	}

	/**
	 * Sets the number of messages kept per session for resuming.
	 * @param retention the retention, in messages; at least 1
	 */
	public void setRetention(int retention) {
		Assert.isTrue(retention >= 1, () -> "session.retention must be at least 1, was " + retention);
		this.retention = retention;
	}

	/**
	 * Returns how much message data is kept per session for resuming.
	 * @return the retention, in bytes of message data
	 */
	public DataSize getRetentionBytes() {
		return this.retentionBytes;
	}

	/**
	 * Sets how much message data is kept at most per session for resuming.
	 * @param retentionBytes the retention, in bytes of message data; at least 1 byte and
	 * at least {@link #getMaxMessageSize() max-message-size} (checked when the store is
	 * created)
	 */
	public void setRetentionBytes(DataSize retentionBytes) {
		this.retentionBytes = atLeastOneByte(retentionBytes, "session.retention-bytes");
	}

	/**
	 * Returns how many messages a live stream may fall behind.
	 * @return the buffer size, in messages
	 */
	public int getBufferSize() {
		return this.bufferSize;
	}

	/**
	 * Sets how many messages a live stream may fall behind before it is disconnected.
	 * @param bufferSize the buffer size, in messages; at least 1
	 */
	public void setBufferSize(int bufferSize) {
		Assert.isTrue(bufferSize >= 1, () -> "session.buffer-size must be at least 1, was " + bufferSize);
		this.bufferSize = bufferSize;
	}

	/**
	 * Returns how much message data a live stream may fall behind.
	 * @return the buffer's limit, in bytes of message data
	 */
	public DataSize getBufferBytes() {
		return this.bufferBytes;
	}

	/**
	 * Sets how much message data a live stream may fall behind before it is disconnected.
	 * @param bufferBytes the buffer's limit, in bytes of message data; at least 1 byte
	 * and at least {@link #getMaxMessageSize() max-message-size} (checked when the store
	 * is created)
	 */
	public void setBufferBytes(DataSize bufferBytes) {
		this.bufferBytes = atLeastOneByte(bufferBytes, "session.buffer-bytes");
	}

	/**
	 * Returns the largest message data accepted.
	 * @return the size limit
	 */
	public DataSize getMaxMessageSize() {
		return this.maxMessageSize;
	}

	/**
	 * Sets the largest message data accepted.
	 * @param maxMessageSize the size limit; between 1 byte and 512 MB (Redis's largest
	 * string)
	 */
	public void setMaxMessageSize(DataSize maxMessageSize) {
		Assert.notNull(maxMessageSize, "session.max-message-size must not be null");
		Assert.isTrue(maxMessageSize.toBytes() >= 1 && maxMessageSize.toBytes() <= DataSize.ofMegabytes(512).toBytes(),
				() -> "session.max-message-size must be between 1B and 512MB, was " + maxMessageSize);
		this.maxMessageSize = maxMessageSize;
	}

	/**
	 * Returns the settings of the in-memory store.
	 * @return the memory settings
	 */
	public SessionMemoryProperties getMemory() {
		return this.memory;
	}

	/**
	 * Returns the settings of the Redis store.
	 * @return the Redis settings
	 */
	public SessionRedisProperties getRedis() {
		return this.redis;
	}

	/**
	 * Returns the settings of the web support (server-sent events and error answers).
	 * @return the web settings
	 */
	public SessionWebProperties getWeb() {
		return this.web;
	}

	/**
	 * Returns which request values are secrets.
	 * @return the redaction settings
	 */
	public SessionRedactionProperties getRedaction() {
		return this.redaction;
	}

	/**
	 * Checks that the largest message fits the buffer and the retention, which the
	 * setters cannot check alone since the properties bind one by one.
	 * @throws IllegalArgumentException naming the properties if it does not
	 */
	void checkMessageSizeFits() {
		fits(this.bufferBytes, "session.buffer-bytes", "delivered");
		fits(this.retentionBytes, "session.retention-bytes", "retained");
	}

	private void fits(DataSize limit, String property, String what) {
		Assert.isTrue(this.maxMessageSize.toBytes() <= limit.toBytes(),
				() -> "session.max-message-size (" + readable(this.maxMessageSize) + ") must not exceed " + property
						+ " (" + readable(limit) + "): a message that large could never be " + what);
	}

	/**
	 * Returns a size as a property would say it: {@code 2MB} rather than
	 * {@code 2097152B}.
	 */
	private static String readable(DataSize size) {
		long bytes = size.toBytes();
		if (bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
			return size.toMegabytes() + "MB";
		}
		return (bytes % DataSize.ofKilobytes(1).toBytes() == 0) ? size.toKilobytes() + "KB" : bytes + "B";
	}

	private static DataSize atLeastOneByte(DataSize value, String property) {
		Assert.notNull(value, () -> property + " must not be null");
		Assert.isTrue(value.toBytes() >= 1, () -> property + " must be at least 1B, was " + value);
		return value;
	}

	static Duration positive(Duration value, String property) {
		Assert.notNull(value, () -> property + " must not be null");
		Assert.isTrue(!value.isNegative() && !value.isZero(),
				() -> property + " must be positive, was " + value + " (sessions would expire at once)");
		return value;
	}

	/**
	 * Store backends.
	 */
	public enum StoreType {

		/** Sessions live in this process only. */
		MEMORY,

		/**
		 * Sessions live in Redis and are shared by every instance using the same Redis
		 * and prefix.
		 */
		REDIS

	}

	/**
	 * Redis deployment modes.
	 */
	public enum ClusterType {

		/** One Redis server; {@code addr} is its {@code host:port}. */
		SINGLE,

		/**
		 * Redis Cluster; {@code addr} lists seed nodes as comma-separated
		 * {@code host:port}s.
		 */
		CLUSTER,

		/**
		 * Redis with Sentinel; {@code addr} lists the sentinels, {@code master-name}
		 * names the master.
		 */
		SENTINEL

	}

}
