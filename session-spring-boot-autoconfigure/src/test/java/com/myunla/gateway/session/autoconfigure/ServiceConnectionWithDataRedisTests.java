package com.myunla.gateway.session.autoconfigure;

import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.autoconfigure.SessionRedisContainerConnectionDetailsFactory.ContainerSessionRedisConnectionDetails;
import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Spring Boot's Redis support present as well, a {@code @ServiceConnection} to a
 * Redis container feeds both: Spring Boot's connection details and the store's own, which
 * win over {@code session.redis.addr} and over adapting Spring Boot's. The container
 * stands for a server of the test support, which listens where the container's port would
 * be mapped to.
 */
@RequiresRedis
@SpringBootTest(properties = { "session.type=redis", "session.redis.addr=127.0.0.1:1" })
class ServiceConnectionWithDataRedisTests {

	private static final RedisSingle server = RedisSingle.start();

	@ServiceConnection
	static final ServerContainer redis = new ServerContainer();

	@Autowired
	private Store store;

	@Autowired
	private SessionRedisConnectionDetails connectionDetails;

	@Autowired
	private DataRedisConnectionDetails applicationConnectionDetails;

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	@DirtiesContext
	void storeAndApplicationUseTheContainer() {
		assertThat(this.connectionDetails).isInstanceOf(ContainerSessionRedisConnectionDetails.class);
		assertThat(this.connectionDetails.getAddresses()).containsExactly(server.address());
		assertThat(this.applicationConnectionDetails.getStandalone().getPort()).isEqualTo(server.port());
		SessionRedisConnectionDetailsTests.assertRoundTrip(this.store);
		assertThat(server.command("EXISTS", "session:{s1}:meta").trim()).isEqualTo("1");
	}

	/**
	 * A {@code redis} container that Docker does not run: it stands for the server.
	 */
	static final class ServerContainer extends GenericContainer<ServerContainer> {

		ServerContainer() {
			super(DockerImageName.parse("redis:7.0"));
		}

		@Override
		public String getDockerImageName() {
			return "redis:7.0";
		}

		@Override
		public boolean isRunning() {
			return true;
		}

		@Override
		public String getHost() {
			return server.host();
		}

		@Override
		public Integer getMappedPort(int originalPort) {
			return server.port();
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataRedisAutoConfiguration.class, SessionAutoConfiguration.class })
	static class Application {

	}

}
