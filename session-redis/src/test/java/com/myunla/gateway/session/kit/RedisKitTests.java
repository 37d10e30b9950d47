package com.myunla.gateway.session.kit;

import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.redis.RedisStore;
import com.myunla.gateway.session.redis.RedisStoreBuilder;
import org.junit.jupiter.api.Nested;

/**
 * The core areas of the contract kit (registry, send, events, takeover) against
 * {@link RedisStore}, each test with two store instances (each with its own Redis client)
 * as two instances of a gateway. A subclass says which Redis the stores use and may add
 * the other areas.
 */
abstract class RedisKitTests {

	/**
	 * Points a store builder at the Redis under test.
	 * @param builder a builder with the defaults
	 * @return the builder
	 */
	abstract RedisStoreBuilder server(RedisStoreBuilder builder);

	RedisFleet fleet() {
		return new RedisFleet(this::server);
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

}
