package com.myunla.gateway.session.kit;

import com.myunla.gateway.session.redis.RedisStore;
import com.myunla.gateway.session.redis.RedisStoreBuilder;
import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract kit against {@link RedisStore} on a real single Redis server, each test
 * with two store instances (each with its own Redis client) as two instances of a
 * gateway.
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

}
