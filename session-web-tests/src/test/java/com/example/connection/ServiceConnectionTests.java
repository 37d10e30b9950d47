package com.example.connection;

import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.autoconfigure.SessionRedisConnectionDetails;
import com.myunla.gateway.session.redis.RedisMode;
import com.myunla.gateway.session.testsupport.RedisSingle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.commons.support.AnnotationSupport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application whose test class has a Redis container as its {@code @ServiceConnection}
 * and sets {@code session.redis.addr} where no Redis is: the store connects to the
 * container, which the service connection starts. The container stops after the
 * application.
 */
@ExtendWith(StopServerBackedContainers.class)
@SpringBootTest(properties = { "session.type=redis", "session.redis.addr=localhost:1" })
@DirtiesContext
abstract class ServiceConnectionTests {

	@Autowired
	private Store store;

	@Autowired
	private SessionRedisConnectionDetails connectionDetails;

	private RedisSingle server() {
		return AnnotationSupport
			.findAnnotatedFieldValues(getClass(), ServiceConnection.class, ServerBackedContainer.class)
			.get(0)
			.server();
	}

	@Test
	void connectionDetailsAreTheContainers() {
		assertThat(this.connectionDetails.getMode()).isEqualTo(RedisMode.SINGLE);
		assertThat(this.connectionDetails.getAddresses()).containsExactly(server().address());
		assertThat(this.connectionDetails.getSslBundle()).isNull();
	}

	@Test
	void storeWorksOnTheContainer() {
		StoreRoundTrip.assertRoundTripOn(this.store, server());
	}

}
