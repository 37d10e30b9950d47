package com.myunla.gateway.session.kit;

import com.myunla.gateway.session.redis.RedisStore;
import com.myunla.gateway.session.testsupport.RedisCluster;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import com.myunla.gateway.session.testsupport.ServerKind;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract kit against {@link RedisStore} on a real Redis Cluster of three masters
 * and three replicas, each test with two store instances (each with its own client) as
 * two instances of a gateway.
 */
@RequiresRedis
class RedisClusterStoreKitTests extends RedisKitTests {

	@RegisterExtension
	static final KitServer<RedisCluster> cluster = KitServer.cluster(ServerKind.REDIS);

	@Override
	KitServer<?> server() {
		return cluster;
	}

}
