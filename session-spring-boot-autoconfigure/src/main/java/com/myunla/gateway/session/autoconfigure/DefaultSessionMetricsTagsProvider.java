package com.myunla.gateway.session.autoconfigure;

import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.memory.MemoryStore;
import com.myunla.gateway.session.redis.RedisStore;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;

/**
 * The default tags of the session store's meters: {@code store} ({@code memory},
 * {@code redis}, or the store's class name) and, for the Redis store,
 * {@code store.instance} (its instance id). No tag is named {@code instance}, which
 * monitoring systems such as Prometheus set themselves.
 */
public class DefaultSessionMetricsTagsProvider implements SessionMetricsTagsProvider {

	@Override
	public Iterable<Tag> tags(Store store) {
		if (RedisStorePresence.isPresent() && store instanceof RedisStore redis) {
			return Tags.of("store", "redis", "store.instance", redis.instanceId());
		}
		return Tags.of("store", (store instanceof MemoryStore) ? "memory" : store.getClass().getSimpleName());
	}

}
