package com.myunla.gateway.session.kit;

import com.myunla.gateway.session.redis.RedisStore;
import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresValkey;
import com.myunla.gateway.session.testsupport.ServerKind;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract kit against {@link RedisStore} on a real single Valkey server, each test
 * with two store instances (each with its own client) as two instances of a gateway.
 */
@RequiresValkey
class ValkeyStoreKitTests extends RedisKitTests {

	@RegisterExtension
	static final KitServer<RedisSingle> valkey = KitServer.single(ServerKind.VALKEY);

	@Override
	KitServer<?> server() {
		return valkey;
	}

}
