package com.myunla.gateway.session.autoconfigure;

import java.util.function.ToDoubleFunction;

import com.myunla.gateway.session.InstrumentedStore;
import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.StoreStatistics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Micrometer meters of a session store that reports on itself (an
 * {@link InstrumentedStore}, as the memory and the Redis store are), on this instance,
 * each with the tags of a {@link SessionMetricsTagsProvider}:
 * <ul>
 * <li>{@code session.store.sessions.registered}, {@code .unregistered}, {@code .expired}:
 * counters of sessions;</li>
 * <li>{@code session.store.streams}: gauge of the live streams open on this
 * instance;</li>
 * <li>{@code session.store.messages.sent}, {@code session.store.messages.delivered}:
 * counters of messages acknowledged, and handed to streams;</li>
 * <li>{@code session.store.gap.notices}, {@code session.store.slow.consumer.disconnects}:
 * counters of gap notices and of streams ended because their consumer fell behind.</li>
 * </ul>
 * The Redis store has meters of its own besides (see {@link RedisStoreMetrics}). A store
 * that is not an {@link InstrumentedStore} gets no meters. None carries session data.
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
		if (!(this.store instanceof InstrumentedStore instrumented)) {
			return;
		}
		StoreStatistics statistics = instrumented.statistics();
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
	}

	static <T> void counter(MeterRegistry registry, Tags tags, String name, String description, T source,
			ToDoubleFunction<T> count) {
		FunctionCounter.builder(name, source, count).tags(tags).description(description).register(registry);
	}

}
