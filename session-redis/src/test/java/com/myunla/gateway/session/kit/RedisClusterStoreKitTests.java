package com.myunla.gateway.session.kit;

import com.myunla.gateway.session.redis.RedisMode;
import com.myunla.gateway.session.redis.RedisStore;
import com.myunla.gateway.session.redis.RedisStoreBuilder;
import com.myunla.gateway.session.testsupport.RedisCluster;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract kit against {@link RedisStore} on a real Redis Cluster of three masters
 * and three replicas, each test with two store instances.
 */
@RequiresRedis
class RedisClusterStoreKitTests extends RedisKitTests {

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

	@Override
	RedisStoreBuilder server(RedisStoreBuilder builder) {
		return builder.mode(RedisMode.CLUSTER).addresses(cluster.seedAddresses());
	}

}
