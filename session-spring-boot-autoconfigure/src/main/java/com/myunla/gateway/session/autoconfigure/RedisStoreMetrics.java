package com.myunla.gateway.session.autoconfigure;

import com.myunla.gateway.session.redis.RedisStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Micrometer meters of a {@link RedisStore}, tagged with its instance id:
 * <ul>
 * <li>{@code session.store.streams}: sessions whose live stream is on this instance;</li>
 * <li>{@code session.store.messages.received}: message frames received over pub/sub;</li>
 * <li>{@code session.store.frames.ignored}: malformed frames received and ignored;</li>
 * <li>{@code session.store.subscription.healthy}: 1 while the pub/sub liveness probe comes back, else 0.</li>
 * </ul>
 */
public class RedisStoreMetrics implements MeterBinder {

	private final RedisStore store;

	/**
	 * Creates the meters' binder.
	 * @param store the store to measure
	 */
	public RedisStoreMetrics(RedisStore store) {
		this.store = store;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		String instance = this.store.instanceId();
		Gauge.builder("session.store.streams", this.store, RedisStore::localStreams)
			.tag("instance", instance)
			.description("Sessions whose live stream is on this instance")
			.register(registry);
		FunctionCounter.builder("session.store.messages.received", this.store, RedisStore::receivedMessages)
			.tag("instance", instance)
			.description("Message frames received over pub/sub")
			.register(registry);
		FunctionCounter.builder("session.store.frames.ignored", this.store, RedisStore::ignoredFrames)
			.tag("instance", instance)
			.description("Malformed frames received on the instance's channel and ignored")
			.register(registry);
		Gauge.builder("session.store.subscription.healthy", this.store, (s) -> s.isSubscriptionHealthy() ? 1 : 0)
			.tag("instance", instance)
			.description("1 while the pub/sub liveness probe comes back, else 0")
			.register(registry);
	}

}
