package com.myunla.gateway.session.autoconfigure;

import java.util.List;

import com.myunla.gateway.session.redis.RedisMode;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionDetailsFactory;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSource;
import org.springframework.boot.ssl.SslBundle;

/**
 * Creates {@link SessionRedisConnectionDetails} for a Redis or Valkey service that Spring
 * Boot's Docker Compose support started: one whose image is {@code redis},
 * {@code redis/redis-stack}, {@code redis/redis-stack-server} or {@code valkey/valkey},
 * or that the label {@code org.springframework.boot.service-connection} names so. The
 * store connects to the service's host and its port mapped from {@code 6379}, single
 * mode, with the SSL bundle of the service's {@code org.springframework.boot.sslbundle}
 * labels if any.
 */
class SessionRedisDockerComposeConnectionDetailsFactory
		extends DockerComposeConnectionDetailsFactory<SessionRedisConnectionDetails> {

	SessionRedisDockerComposeConnectionDetailsFactory() {
		super(RedisEndpoints.IMAGE_NAMES.toArray(String[]::new), RedisEndpoints.STORE_CLASS_NAME);
	}

	@Override
	protected SessionRedisConnectionDetails getDockerComposeConnectionDetails(DockerComposeConnectionSource source) {
		return new DockerComposeSessionRedisConnectionDetails(source.getRunningService());
	}

	/**
	 * {@link SessionRedisConnectionDetails} of a running Docker Compose service.
	 */
	static final class DockerComposeSessionRedisConnectionDetails extends DockerComposeConnectionDetails
			implements SessionRedisConnectionDetails {

		private final String name;

		private final String address;

		private final @Nullable SslBundle sslBundle;

		private DockerComposeSessionRedisConnectionDetails(RunningService service) {
			super(service);
			this.name = service.name();
			this.address = RedisEndpoints.address(service.host(), service.ports().get(RedisEndpoints.CONTAINER_PORT));
			this.sslBundle = getSslBundle(service);
		}

		@Override
		public RedisMode getMode() {
			return RedisMode.SINGLE;
		}

		@Override
		public List<String> getAddresses() {
			return List.of(this.address);
		}

		@Override
		public @Nullable SslBundle getSslBundle() {
			return this.sslBundle;
		}

		@Override
		public String toString() {
			return "the Docker Compose service '" + this.name + "'";
		}

	}

}
