package com.myunla.gateway.session.kit;

import java.time.Duration;

/**
 * The settings a kit needs the store under test to have:
 * {@link StoreKit#createStore(StoreSettings)} builds the store with them. Each kit
 * chooses its own, for example a small retention to provoke gaps.
 *
 * @param retention how many of its latest messages a session keeps for streams that
 * resume
 * @param retentionBytes how many bytes of message data a session keeps at most for
 * streams that resume
 * @param bufferSize how many messages a stream may fall behind before it ends with
 * {@link com.myunla.gateway.session.SlowConsumerException}
 * @param bufferBytes how many bytes of message data a stream may fall behind before it
 * ends with {@link com.myunla.gateway.session.SlowConsumerException}
 * @param maxMessageSize the largest message data, in bytes, that {@code send} accepts; at
 * most {@code retentionBytes} and {@code bufferBytes}
 * @param ttl how long a session lives without activity
 */
public record StoreSettings(int retention, long retentionBytes, int bufferSize, long bufferBytes, int maxMessageSize,
		Duration ttl) {

	/**
	 * Settings of a store with room to spare: no kit reaches these limits unless it sets
	 * its own.
	 */
	public static final StoreSettings DEFAULTS = new StoreSettings(256, 64 * 1024 * 1024, 256, 64 * 1024 * 1024,
			1024 * 1024, Duration.ofHours(1));

	/**
	 * Returns these settings with another retention.
	 * @param messages the retention
	 * @return the new settings
	 */
	public StoreSettings withRetention(int messages) {
		return new StoreSettings(messages, this.retentionBytes, this.bufferSize, this.bufferBytes, this.maxMessageSize,
				this.ttl);
	}

	/**
	 * Returns these settings with another retention in bytes.
	 * @param bytes the most message data a session keeps
	 * @return the new settings
	 */
	public StoreSettings withRetentionBytes(long bytes) {
		return new StoreSettings(this.retention, bytes, this.bufferSize, this.bufferBytes, this.maxMessageSize,
				this.ttl);
	}

	/**
	 * Returns these settings with another buffer limit in bytes.
	 * @param bytes the most message data a stream may fall behind
	 * @return the new settings
	 */
	public StoreSettings withBufferBytes(long bytes) {
		return new StoreSettings(this.retention, this.retentionBytes, this.bufferSize, bytes, this.maxMessageSize,
				this.ttl);
	}

	/**
	 * Returns these settings with another buffer size.
	 * @param messages the buffer size
	 * @return the new settings
	 */
	public StoreSettings withBufferSize(int messages) {
		return new StoreSettings(this.retention, this.retentionBytes, messages, this.bufferBytes, this.maxMessageSize,
				this.ttl);
	}

	/**
	 * Returns these settings with another largest message size.
	 * @param bytes the largest message data size
	 * @return the new settings
	 */
	public StoreSettings withMaxMessageSize(int bytes) {
		return new StoreSettings(this.retention, this.retentionBytes, this.bufferSize, this.bufferBytes, bytes,
				this.ttl);
	}

	/**
	 * Returns these settings with another time-to-live.
	 * @param timeToLive the time-to-live
	 * @return the new settings
	 */
	public StoreSettings withTtl(Duration timeToLive) {
		return new StoreSettings(this.retention, this.retentionBytes, this.bufferSize, this.bufferBytes,
				this.maxMessageSize, timeToLive);
	}

}
