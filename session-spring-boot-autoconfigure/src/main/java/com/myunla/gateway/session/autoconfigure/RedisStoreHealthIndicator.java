package com.myunla.gateway.session.autoconfigure;

import com.myunla.gateway.session.redis.RedisStore;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of a {@link RedisStore}: down while its pub/sub liveness probe does not come back, that is while
 * messages may not reach this instance's streams (they are delivered from the session logs once it does).
 * The details hold counters only, never session data.
 */
public class RedisStoreHealthIndicator extends AbstractHealthIndicator {

	private final RedisStore store;

	/**
	 * Creates the indicator.
	 * @param store the store to report on
	 */
	public RedisStoreHealthIndicator(RedisStore store) {
		super("Session store health check failed");
		this.store = store;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		(this.store.isSubscriptionHealthy() ? builder.up() : builder.down())
			.withDetail("instanceId", this.store.instanceId())
			.withDetail("localStreams", this.store.localStreams())
			.withDetail("receivedMessages", this.store.receivedMessages())
			.withDetail("ignoredFrames", this.store.ignoredFrames());
	}

}
