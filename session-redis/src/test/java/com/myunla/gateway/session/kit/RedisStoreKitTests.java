package com.myunla.gateway.session.kit;

import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.redis.RedisStore;
import com.myunla.gateway.session.redis.RedisStoreBuilder;
import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/**
 * The contract kit against {@link RedisStore} on a real single Redis server: the core
 * areas of {@link RedisKitTests} and the others, each test with two store instances (each
 * with its own Redis client) as two instances of a gateway.
 */
@RequiresRedis
class RedisStoreKitTests extends RedisKitTests {

	private static RedisSingle redis;

	@BeforeAll
	static void startRedis() {
		redis = RedisSingle.start();
	}

	@AfterAll
	static void stopRedis() {
		if (redis != null) {
			redis.close();
		}
	}

	@Override
	RedisStoreBuilder server(RedisStoreBuilder builder) {
		return builder.addresses(redis.address());
	}

	@Nested
	class Expiry extends StoreExpiryKit {

		private final RedisFleet fleet = fleet();

		@Override
		protected Store createStore(StoreSettings settings) {
			return this.fleet.start(settings);
		}

		@Override
		protected Store createPeer(StoreSettings settings) {
			return this.fleet.start(settings);
		}

	}

	@Nested
	class SlowConsumer extends StoreSlowConsumerKit {

		private final RedisFleet fleet = fleet();

		@Override
		protected Store createStore(StoreSettings settings) {
			return this.fleet.start(settings);
		}

		@Override
		protected Store createPeer(StoreSettings settings) {
			return this.fleet.start(settings);
		}

	}

	@Nested
	class Close extends StoreCloseKit {

		private final RedisFleet fleet = fleet();

		@Override
		protected Store createStore(StoreSettings settings) {
			return this.fleet.start(settings);
		}

		@Override
		protected Store createPeer(StoreSettings settings) {
			return this.fleet.start(settings);
		}

	}

	@Nested
	class BadInput extends StoreBadInputKit {

		private final RedisFleet fleet = fleet();

		/**
		 * Redis replicates asynchronously: a failover may lose the newest entries of a
		 * log after a client received them.
		 */
		@Override
		protected boolean logMayLoseMessagesAClientReceived() {
			return true;
		}

		@Override
		protected Store createStore(StoreSettings settings) {
			return this.fleet.start(settings);
		}

		@Override
		protected Store createPeer(StoreSettings settings) {
			return this.fleet.start(settings);
		}

	}

}
