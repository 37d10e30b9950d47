package com.myunla.gateway.session.kit;

import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.redis.RedisStore;
import com.myunla.gateway.session.redis.RedisStoreBuilder;

/**
 * The contract kit against {@link RedisStore}, every area, each test with two store
 * instances (each with its own Redis client) as two instances of a gateway. A subclass
 * says which Redis the stores use.
 */
abstract class RedisKitTests extends StoreCompatibilityKit {

	/** The instances of the current test's fleet, with a key prefix of the test's own. */
	private final RedisFleet fleet = new RedisFleet(this::server);

	/**
	 * Points a store builder at the Redis under test.
	 * @param builder a builder with the defaults
	 * @return the builder
	 */
	abstract RedisStoreBuilder server(RedisStoreBuilder builder);

	@Override
	protected Store createStore(StoreSettings settings) {
		return this.fleet.start(settings);
	}

	@Override
	protected Store createPeer(StoreSettings settings) {
		return this.fleet.start(settings);
	}

	/**
	 * Redis replicates asynchronously: a failover may lose the newest entries of a log
	 * after a client received them.
	 */
	@Override
	protected boolean logMayLoseMessagesAClientReceived() {
		return true;
	}

}
