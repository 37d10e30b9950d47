package com.example.connection;

import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.autoconfigure.SessionRedisConnectionDetails;
import com.myunla.gateway.session.redis.RedisMode;
import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code @ServiceConnection} to a {@code redis} container feeds the Redis store of an
 * application that has neither Spring Boot's Redis support nor any Redis setting but a
 * wrong {@code session.redis.addr}: the store connects to the container.
 */
@RequiresRedis
@SpringBootTest(properties = { "session.type=redis", "session.redis.addr=localhost:1" })
@DirtiesContext
class RedisServiceConnectionTests {

	private static final RedisSingle server = RedisSingle.start();

	@ServiceConnection
	static final ServerBackedContainer redis = new ServerBackedContainer("redis:7.0", server);

	@Autowired
	private Store store;

	@Autowired
	private SessionRedisConnectionDetails connectionDetails;

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void springBootsRedisSupportIsAbsent() {
		assertThat(ClassUtils.isPresent("org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails",
				null))
			.isFalse();
	}

	@Test
	void connectionDetailsAreTheContainers() {
		assertThat(this.connectionDetails.getMode()).isEqualTo(RedisMode.SINGLE);
		assertThat(this.connectionDetails.getAddresses()).containsExactly(server.address());
		assertThat(this.connectionDetails.getSslBundle()).isNull();
	}

	@Test
	void storeWorksOnTheContainer() {
		StoreRoundTrip.assertRoundTripOn(this.store, server);
	}

}
