package com.myunla.gateway.session.redis;

import java.util.concurrent.ThreadLocalRandom;

import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.StoreListingTests;
import com.myunla.gateway.session.testsupport.RedisCluster;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The paged listing of a {@link RedisStore} on a real Redis Cluster, where the index and
 * the sessions live in different slots.
 */
@RequiresRedis
class RedisStoreClusterListingTests extends StoreListingTests {

	private static RedisCluster cluster;

	private RedisStores stores;

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

	@Override
	protected Store createStore() {
		String prefix = "l" + ThreadLocalRandom.current().nextInt(1_000_000);
		this.stores = new RedisStores((builder) -> {
			builder.mode(RedisMode.CLUSTER);
			builder.addresses(cluster.seedAddresses());
			builder.prefix(prefix);
			builder.topic(prefix + "_updates");
		});
		return this.stores.start("a");
	}

	@AfterEach
	void closeStores() {
		this.stores.close();
	}

}
