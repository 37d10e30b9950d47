package com.myunla.gateway.session.autoconfigure;

import java.util.concurrent.TimeUnit;

import com.myunla.gateway.session.StoreStatistics;
import com.myunla.gateway.session.redis.RedisStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Micrometer meters that only the {@link RedisStore} has, besides the common ones of
 * {@link SessionStoreMetrics}, with the same tags:
 * {@code session.store.messages.replayed} (delivered from a session's log),
 * {@code session.store.delivery.latency} (timer from the send's acknowledgement to the
 * hand-off of a message received over pub/sub), {@code session.store.messages.received}
 * (message frames received over pub/sub), {@code session.store.frames.ignored} (malformed
 * frames), {@code session.store.probe.failures} (liveness probes that did not come back)
 * and {@code session.store.subscription.healthy} (1 while the probe comes back, else 0).
 * None carries session data.
 */
public class RedisStoreMetrics implements MeterBinder {

	private final RedisStore store;

	private final SessionMetricsTagsProvider tagsProvider;

	/**
	 * Creates the meters' binder.
	 * @param store the store to measure
	 * @param tagsProvider the meters' tags
	 */
	public RedisStoreMetrics(RedisStore store, SessionMetricsTagsProvider tagsProvider) {
		this.store = store;
		this.tagsProvider = tagsProvider;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Tags tags = Tags.of(this.tagsProvider.tags(this.store));
		StoreStatistics statistics = this.store.statistics();
		SessionStoreMetrics.counter(registry, tags, "session.store.messages.replayed",
				"Messages delivered from a session's log", statistics, StoreStatistics::replayed);
		Timer latency = Timer.builder("session.store.delivery.latency")
			.tags(tags)
			.description("Time from a send's acknowledgement to the hand-off of the message to its stream")
			.register(registry);
		statistics.setLatencyRecorder((nanos) -> latency.record(nanos, TimeUnit.NANOSECONDS));
		SessionStoreMetrics.counter(registry, tags, "session.store.messages.received",
				"Message frames received over pub/sub", this.store, RedisStore::receivedMessages);
		SessionStoreMetrics.counter(registry, tags, "session.store.frames.ignored",
				"Malformed frames received on the instance's channel and ignored", this.store,
				RedisStore::ignoredFrames);
		SessionStoreMetrics.counter(registry, tags, "session.store.probe.failures",
				"Pub/sub liveness probes that did not come back", this.store, RedisStore::probeFailures);
		Gauge.builder("session.store.subscription.healthy", this.store, (s) -> s.isSubscriptionHealthy() ? 1 : 0)
			.tags(tags)
			.description("1 while the pub/sub liveness probe comes back, else 0")
			.register(registry);
	}

}
