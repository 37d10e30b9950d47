package com.myunla.gateway.session.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import com.myunla.gateway.session.redis.RedisStore;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of a {@link RedisStore}: down while its pub/sub liveness probe does not come
 * back, that is while messages may not reach this instance's streams (they are delivered
 * from the session logs once it does), and while Redis refuses one of the store's
 * commands for want of permission (see {@link RedisStore#unhealthyReason()}); out of
 * service while Redis is out of memory, when it refuses new sessions and messages but
 * streams, reads and unregistering go on (see {@link RedisStore#outOfMemoryReason()}).
 * The details say the store's {@linkplain RedisStore#mode() mode} ({@code single},
 * {@code cluster}, {@code sentinel}), the target, the instance id, the subscription state
 * ({@code healthy} or {@code unhealthy}), when the last probe came back and how long ago
 * ({@code lastGoodProbeAge}, an ISO-8601 duration), counters, and while down the
 * {@code reason}. Never session data.
 */
public class RedisStoreHealthIndicator extends AbstractHealthIndicator {

	private final RedisStore store;

	private final Clock clock;

	/**
	 * Creates the indicator.
	 * @param store the store to report on
	 */
	public RedisStoreHealthIndicator(RedisStore store) {
		this(store, Clock.systemUTC());
	}

	RedisStoreHealthIndicator(RedisStore store, Clock clock) {
		super("Session store health check failed");
		this.store = store;
		this.clock = clock;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		String reason = this.store.unhealthyReason();
		String outOfMemory = this.store.outOfMemoryReason();
		Instant lastGoodProbe = this.store.lastGoodProbe();
		Duration age = Duration.between(lastGoodProbe, this.clock.instant());
		if (reason != null) {
			builder.down().withDetail("reason", reason);
		}
		else if (outOfMemory != null) {
			builder.outOfService().withDetail("reason", outOfMemory);
		}
		else {
			builder.up();
		}
		builder.withDetail("mode", this.store.mode().name().toLowerCase(Locale.ROOT))
			.withDetail("target", this.store.target())
			.withDetail("instanceId", this.store.instanceId())
			.withDetail("subscription", this.store.isSubscriptionHealthy() ? "healthy" : "unhealthy")
			.withDetail("lastGoodProbe", lastGoodProbe.toString())
			.withDetail("lastGoodProbeAge", ((age.isNegative()) ? Duration.ZERO : age).toString())
			.withDetail("probeFailures", this.store.probeFailures())
			.withDetail("localStreams", this.store.localStreams())
			.withDetail("receivedMessages", this.store.receivedMessages())
			.withDetail("ignoredFrames", this.store.ignoredFrames());
	}

}
