package com.example.connection;

import com.myunla.gateway.session.testsupport.RequiresRedis;
import com.myunla.gateway.session.testsupport.ServerKind;
import org.junit.jupiter.api.Test;

import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code @ServiceConnection} to a {@code redis} container feeds the Redis store of an
 * application without Spring Boot's Redis support.
 */
@RequiresRedis
class RedisServiceConnectionTests extends ServiceConnectionTests {

	@ServiceConnection
	static final ServerBackedContainer redis = new ServerBackedContainer("redis:7.0", ServerKind.REDIS);

	@Test
	void springBootsRedisSupportIsAbsent() {
		assertThat(ClassUtils.isPresent("org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails",
				null))
			.isFalse();
	}

}
