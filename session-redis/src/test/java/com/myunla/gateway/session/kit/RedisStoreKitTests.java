package com.myunla.gateway.session.kit;

import com.myunla.gateway.session.redis.RedisStore;
import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import com.myunla.gateway.session.testsupport.ServerKind;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract kit against {@link RedisStore} on a real single Redis server, each test
 * with two store instances (each with its own client) as two instances of a gateway.
 */
@RequiresRedis
class RedisStoreKitTests extends RedisKitTests {

	@RegisterExtension
	static final KitServer<RedisSingle> redis = KitServer.single(ServerKind.REDIS);

	@Override
	KitServer<?> server() {
		return redis;
	}

}
