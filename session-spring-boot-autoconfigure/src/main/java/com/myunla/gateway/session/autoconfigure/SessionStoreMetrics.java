package com.myunla.gateway.session.autoconfigure;

import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.StoreStatistics;
import com.myunla.gateway.session.memory.MemoryStore;
import com.myunla.gateway.session.redis.RedisStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer meters of the session store, on this instance, each with the tags of a
 * {@link SessionMetricsTagsProvider}:
 * <ul>
 * <li>{@code session.store.sessions.registered}, {@code .unregistered}, {@code .expired}:
 * counters of sessions;</li>
 * <li>{@code session.store.streams}: gauge of the live streams open on this
 * instance;</li>
 * <li>{@code session.store.messages.sent}, {@code session.store.messages.delivered}:
 * counters of messages acknowledged, and handed to streams;</li>
 * <li>{@code session.store.gap.notices}, {@code session.store.slow.consumer.disconnects}:
 * counters of gap notices and of streams ended because their consumer fell behind;</li>
 * <li>Redis store only: {@code session.store.messages.replayed} (delivered from a
 * session's log), {@code session.store.delivery.latency} (timer from the send's
 * acknowledgement to the hand-off of a message received over pub/sub),
 * {@code session.store.messages.received} (message frames received over pub/sub),
 * {@code session.store.frames.ignored} (malformed frames),
 * {@code session.store.probe.failures} (liveness probes that did not come back) and
 * {@code session.store.subscription.healthy} (1 while the probe comes back, else 0).</li>
 * </ul>
 * A store of another kind gets no meters. None carries session data.
 */
public class SessionStoreMetrics implements MeterBinder {

	private final Store store;

	private final SessionMetricsTagsProvider tagsProvider;

	/**
	 * Creates the meters' binder.
	 * @param store the store to measure
	 * @param tagsProvider the meters' tags
	 */
	public SessionStoreMetrics(Store store, SessionMetricsTagsProvider tagsProvider) {
		this.store = store;
		this.tagsProvider = tagsProvider;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		StoreStatistics statistics = statistics(this.store);
		if (statistics == null) {
			return;
		}
		Tags tags = Tags.of(this.tagsProvider.tags(this.store));
		counter(registry, tags, "session.store.sessions.registered", "Sessions registered", statistics,
				StoreStatistics::registered);
		counter(registry, tags, "session.store.sessions.unregistered", "Sessions unregistered", statistics,
				StoreStatistics::unregistered);
		counter(registry, tags, "session.store.sessions.expired", "Sessions found expired", statistics,
				StoreStatistics::expired);
		Gauge.builder("session.store.streams", statistics, StoreStatistics::streams)
			.tags(tags)
			.description("Live streams open on this instance")
			.register(registry);
		counter(registry, tags, "session.store.messages.sent", "Messages acknowledged by send", statistics,
				StoreStatistics::sent);
		counter(registry, tags, "session.store.messages.delivered", "Messages handed to streams", statistics,
				StoreStatistics::delivered);
		counter(registry, tags, "session.store.gap.notices", "Gap notices handed to streams", statistics,
				StoreStatistics::gaps);
		counter(registry, tags, "session.store.slow.consumer.disconnects",
				"Streams ended because their consumer fell behind", statistics, StoreStatistics::slowConsumers);
		if (RedisStorePresence.isPresent() && this.store instanceof RedisStore redis) {
			bindRedis(registry, tags, redis, statistics);
		}
	}

	private void bindRedis(MeterRegistry registry, Tags tags, RedisStore redis, StoreStatistics statistics) {
		counter(registry, tags, "session.store.messages.replayed", "Messages delivered from a session's log",
				statistics, StoreStatistics::replayed);
		Timer latency = Timer.builder("session.store.delivery.latency")
			.tags(tags)
			.description("Time from a send's acknowledgement to the hand-off of the message to its stream")
			.register(registry);
		statistics.setLatencyRecorder((nanos) -> latency.record(nanos, TimeUnit.NANOSECONDS));
		counter(registry, tags, "session.store.messages.received", "Message frames received over pub/sub", redis,
				RedisStore::receivedMessages);
		counter(registry, tags, "session.store.frames.ignored",
				"Malformed frames received on the instance's channel and ignored", redis, RedisStore::ignoredFrames);
		counter(registry, tags, "session.store.probe.failures", "Pub/sub liveness probes that did not come back", redis,
				RedisStore::probeFailures);
		Gauge.builder("session.store.subscription.healthy", redis, (s) -> s.isSubscriptionHealthy() ? 1 : 0)
			.tags(tags)
			.description("1 while the pub/sub liveness probe comes back, else 0")
			.register(registry);
	}

	private static <T> void counter(MeterRegistry registry, Tags tags, String name, String description, T source,
			ToDoubleFunction<T> count) {
		FunctionCounter.builder(name, source, count).tags(tags).description(description).register(registry);
	}

	private static @Nullable StoreStatistics statistics(Store store) {
		if (RedisStorePresence.isPresent() && store instanceof RedisStore redis) {
			return redis.statistics();
		}
		return (store instanceof MemoryStore memory) ? memory.statistics() : null;
	}

}
