package com.myunla.gateway.session.kit;

import java.time.Duration;

/**
 * The settings a kit needs the store under test to have:
 * {@link StoreKit#createStore(StoreSettings)} builds the store with them. Each kit
 * chooses its own, for example a small retention to provoke gaps.
 *
 * @param retention how many of its latest messages a session keeps for streams that
 * resume
 * @param bufferSize how many messages a stream may fall behind before it ends with
 * {@link com.myunla.gateway.session.SlowConsumerException}
 * @param maxMessageSize the largest message data, in bytes, that {@code send} accepts
 * @param ttl how long a session lives without activity
 */
public record StoreSettings(int retention, int bufferSize, int maxMessageSize, Duration ttl) {

	/**
	 * Settings of a store with room to spare: no kit reaches these limits unless it sets
	 * its own.
	 */
	public static final StoreSettings DEFAULTS = new StoreSettings(256, 256, 1024 * 1024, Duration.ofHours(1));

	/**
	 * Returns these settings with another retention.
	 * @param messages the retention
	 * @return the new settings
	 */
	public StoreSettings withRetention(int messages) {
		return new StoreSettings(messages, this.bufferSize, this.maxMessageSize, this.ttl);
	}

	/**
	 * Returns these settings with another buffer size.
	 * @param messages the buffer size
	 * @return the new settings
	 */
	public StoreSettings withBufferSize(int messages) {
		return new StoreSettings(this.retention, messages, this.maxMessageSize, this.ttl);
	}

	/**
	 * Returns these settings with another largest message size.
	 * @param bytes the largest message data size
	 * @return the new settings
	 */
	public StoreSettings withMaxMessageSize(int bytes) {
		return new StoreSettings(this.retention, this.bufferSize, bytes, this.ttl);
	}

	/**
	 * Returns these settings with another time-to-live.
	 * @param timeToLive the time-to-live
	 * @return the new settings
	 */
	public StoreSettings withTtl(Duration timeToLive) {
		return new StoreSettings(this.retention, this.bufferSize, this.maxMessageSize, timeToLive);
	}

}
