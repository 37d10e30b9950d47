package com.myunla.gateway.session.kit;

import com.myunla.gateway.session.redis.RedisStore;
import com.myunla.gateway.session.testsupport.RedisCluster;
import com.myunla.gateway.session.testsupport.RequiresValkey;
import com.myunla.gateway.session.testsupport.ServerKind;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract kit against {@link RedisStore} on a real Valkey cluster of three masters
 * and three replicas, each test with two store instances (each with its own client) as
 * two instances of a gateway.
 */
@RequiresValkey
class ValkeyClusterStoreKitTests extends RedisKitTests {

	@RegisterExtension
	static final KitServer<RedisCluster> cluster = KitServer.cluster(ServerKind.VALKEY);

	@Override
	KitServer<?> server() {
		return cluster;
	}

}
