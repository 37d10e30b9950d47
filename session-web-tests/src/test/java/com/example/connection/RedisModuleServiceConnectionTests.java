package com.example.connection;

import com.myunla.gateway.session.autoconfigure.SessionRedisConnectionDetails;
import com.redis.testcontainers.RedisContainer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code @ServiceConnection} to a {@code com.redis.testcontainers.RedisContainer} gives
 * the store its connection details whatever the container's image is called. The
 * application runs the in-memory store, so that nothing asks for the container's address
 * and the container, which needs Docker, is not started.
 */
@SpringBootTest(properties = "session.type=memory")
@DirtiesContext
class RedisModuleServiceConnectionTests {

	@ServiceConnection
	static final RedisContainer redis = new RedisContainer("example.org/cache:1") {

		@Override
		public String getDockerImageName() {
			return "example.org/cache:1";
		}

	};

	@Autowired
	private SessionRedisConnectionDetails connectionDetails;

	@Test
	void connectionDetailsAreTheContainers() {
		assertThat(this.connectionDetails)
			.hasToString("the Redis container of RedisModuleServiceConnectionTests.redis");
	}

}
