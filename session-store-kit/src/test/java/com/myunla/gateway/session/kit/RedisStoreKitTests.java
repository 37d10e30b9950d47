package com.myunla.gateway.session.kit;

import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.redis.RedisStore;
import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/**
 * The contract kit against {@link RedisStore} on a real single Redis server, each test
 * with two store instances (each with its own Redis client) as two instances of a
 * gateway.
 */
@RequiresRedis
class RedisStoreKitTests {

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

	RedisFleet fleet() {
		return new RedisFleet((builder) -> builder.addresses(redis.address()));
	}

	@Nested
	class Registry extends StoreRegistryKit {

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
	class Send extends StoreSendKit {

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
	class Events extends StoreEventsKit {

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
	class Takeover extends StoreTakeoverKit {

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
