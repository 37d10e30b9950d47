package com.example.connection;

import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A {@code @ServiceConnection} to a {@code com.redis.testcontainers.RedisContainer} feeds
 * the Redis store whatever the container's image is called.
 */
@RequiresRedis
@SpringBootTest(properties = "session.type=redis")
@DirtiesContext
class RedisModuleServiceConnectionTests {

	private static final RedisSingle server = RedisSingle.start();

	@ServiceConnection
	static final ServerBackedRedisContainer redis = new ServerBackedRedisContainer("example.org/cache:1", server);

	@Autowired
	private Store store;

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void storeWorksOnTheContainer() {
		StoreRoundTrip.assertRoundTripOn(this.store, server);
	}

}
