package com.myunla.gateway.session.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.myunla.gateway.session.autoconfigure.SessionProperties;
import com.myunla.gateway.session.autoconfigure.SessionStores;

/**
 * Builds independent {@link RedisStore}s (each with its own Redis client, as separate
 * instances of a gateway have) for a test, and closes them all at the end.
 */
final class RedisStores implements AutoCloseable {

	private final List<RedisStore> stores = new ArrayList<>();

	private final Consumer<SessionProperties> common;

	RedisStores(Consumer<SessionProperties> common) {
		this.common = common;
	}

	static RedisStores single(String address) {
		return new RedisStores((properties) -> properties.getRedis().setAddr(address));
	}

	RedisStore start(String instanceId) {
		return start(instanceId, (properties) -> {
		});
	}

	RedisStore start(String instanceId, Consumer<SessionProperties> customizer) {
		SessionProperties properties = new SessionProperties();
		properties.setType(SessionProperties.StoreType.REDIS);
		properties.getRedis().setInstanceId(instanceId);
		properties.getRedis().setProbeInterval(Duration.ofMillis(500));
		properties.getRedis().setCommandTimeout(Duration.ofSeconds(3));
		this.common.accept(properties);
		customizer.accept(properties);
		RedisStore store = SessionStores.redis(properties);
		this.stores.add(store);
		return store;
	}

	@Override
	public void close() {
		this.stores.forEach(RedisStore::close);
		this.stores.clear();
	}

}
