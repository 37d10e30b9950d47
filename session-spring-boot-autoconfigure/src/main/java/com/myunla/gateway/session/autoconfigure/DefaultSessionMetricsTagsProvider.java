package com.myunla.gateway.session.autoconfigure;

import com.myunla.gateway.session.FleetStore;
import com.myunla.gateway.session.InstrumentedStore;
import com.myunla.gateway.session.Store;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;

/**
 * The default tags of the session store's meters: {@code store}, the store's
 * {@linkplain InstrumentedStore#kind() kind} ({@code memory}, {@code redis}; the class
 * name of a store that does not say), and, for a store shared by a fleet
 * ({@link FleetStore}, such as the Redis store), {@code store.instance} (its
 * {@linkplain FleetStore#instanceId() instance id}). No tag is named {@code instance},
 * which monitoring systems such as Prometheus set themselves.
 */
public class DefaultSessionMetricsTagsProvider implements SessionMetricsTagsProvider {

	@Override
	public Iterable<Tag> tags(Store store) {
		Tags tags = Tags.of("store", (store instanceof InstrumentedStore instrumented) ? instrumented.kind()
				: store.getClass().getSimpleName());
		return (store instanceof FleetStore fleet) ? tags.and("store.instance", fleet.instanceId()) : tags;
	}

}
