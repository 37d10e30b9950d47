package com.myunla.gateway.session.kit;

import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.redis.RedisStore;

/**
 * The contract kit against {@link RedisStore}, every area, each test with two store
 * instances (each with its own Redis client) as two instances of a gateway. A subclass
 * says which server the stores use: Redis or Valkey, single or cluster.
 */
abstract class RedisKitTests extends StoreCompatibilityKit {

	/** The instances of the current test's fleet, with a key prefix of the test's own. */
	private final RedisFleet fleet = new RedisFleet((builder) -> server().point(builder));

	/**
	 * Returns the server under test, registered by the subclass with
	 * {@code @RegisterExtension}.
	 * @return the server
	 */
	abstract KitServer<?> server();

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
