package com.myunla.gateway.session.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds independent {@link RedisStore}s (each with its own Redis client, as separate
 * instances of a gateway have) for a test, and closes them all at the end.
 */
final class RedisStores implements AutoCloseable {

	private final List<RedisStore> stores = new ArrayList<>();

	private final Consumer<RedisStoreBuilder> common;

	RedisStores(Consumer<RedisStoreBuilder> common) {
		this.common = common;
	}

	static RedisStores single(String address) {
		return new RedisStores((builder) -> builder.addresses(address));
	}

	RedisStore start(String instanceId) {
		return start(instanceId, (builder) -> {
		});
	}

	RedisStore start(String instanceId, Consumer<RedisStoreBuilder> customizer) {
		RedisStoreBuilder builder = RedisStore.builder()
			.instanceId(instanceId)
			.probeInterval(Duration.ofMillis(500))
			.commandTimeout(Duration.ofSeconds(3));
		this.common.accept(builder);
		customizer.accept(builder);
		RedisStore store = builder.build();
		this.stores.add(store);
		return store;
	}

	@Override
	public void close() {
		this.stores.forEach(RedisStore::close);
		this.stores.clear();
	}

}
