package com.myunla.gateway.session.kit;

import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.redis.RedisMode;
import com.myunla.gateway.session.redis.RedisStore;
import com.myunla.gateway.session.testsupport.RedisCluster;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/**
 * The core areas of the contract kit (registry, send, events, takeover) against
 * {@link RedisStore} on a real Redis Cluster of three masters and three replicas, each
 * test with two store instances.
 */
@RequiresRedis
class RedisClusterStoreKitTests {

	private static RedisCluster cluster;

	@BeforeAll
	static void startCluster() {
		cluster = RedisCluster.start();
	}

	@AfterAll
	static void stopCluster() {
		if (cluster != null) {
			cluster.close();
		}
	}

	RedisFleet fleet() {
		return new RedisFleet((builder) -> builder.mode(RedisMode.CLUSTER).addresses(cluster.seedAddresses()));
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
