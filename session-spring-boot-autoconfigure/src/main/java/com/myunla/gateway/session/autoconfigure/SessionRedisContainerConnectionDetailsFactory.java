package com.myunla.gateway.session.autoconfigure;

import java.util.List;

import com.myunla.gateway.session.redis.RedisMode;
import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.Container;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.util.ClassUtils;

/**
 * Creates {@link SessionRedisConnectionDetails} for a Testcontainers
 * {@link ServiceConnection @ServiceConnection} to a Redis or Valkey container: one named
 * {@code redis} (explicitly or by its image, {@code redis}, {@code redis/redis-stack},
 * {@code redis/redis-stack-server}), {@code valkey/valkey}, or a
 * {@code com.redis.testcontainers.RedisContainer} or {@code RedisStackContainer}. The
 * store connects to the container's host and its port mapped from {@code 6379}, single
 * mode, with the SSL bundle of the field's {@code @Ssl...} annotations if any.
 */
class SessionRedisContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<Container<?>, SessionRedisConnectionDetails> {

	private static final List<String> REDIS_CONTAINER_CLASS_NAMES = List.of("com.redis.testcontainers.RedisContainer",
			"com.redis.testcontainers.RedisStackContainer");

	SessionRedisContainerConnectionDetailsFactory() {
		super(RedisEndpoints.IMAGE_NAMES, RedisEndpoints.STORE_CLASS_NAME);
	}

	@Override
	protected boolean sourceAccepts(ContainerConnectionSource<Container<?>> source, Class<?> requiredContainerType,
			Class<?> requiredConnectionDetailsType) {
		if (super.sourceAccepts(source, requiredContainerType, requiredConnectionDetailsType)) {
			return true;
		}
		for (String className : REDIS_CONTAINER_CLASS_NAMES) {
			if (ClassUtils.isPresent(className, null) && source.accepts(ANY_CONNECTION_NAME,
					ClassUtils.resolveClassName(className, null), requiredConnectionDetailsType)) {
				return true;
			}
		}
		return false;
	}

	@Override
	protected SessionRedisConnectionDetails getContainerConnectionDetails(
			ContainerConnectionSource<Container<?>> source) {
		return new ContainerSessionRedisConnectionDetails(source);
	}

	/**
	 * {@link SessionRedisConnectionDetails} of a container, read when the store is
	 * created (which starts the container if it is not running yet).
	 */
	static final class ContainerSessionRedisConnectionDetails extends ContainerConnectionDetails<Container<?>>
			implements SessionRedisConnectionDetails {

		private ContainerSessionRedisConnectionDetails(ContainerConnectionSource<Container<?>> source) {
			super(source);
		}

		@Override
		public RedisMode getMode() {
			return RedisMode.SINGLE;
		}

		@Override
		public List<String> getAddresses() {
			Container<?> container = getContainer();
			return List.of(RedisEndpoints.address(container.getHost(),
					container.getMappedPort(RedisEndpoints.CONTAINER_PORT)));
		}

		@Override
		public @Nullable SslBundle getSslBundle() {
			return super.getSslBundle();
		}

		@Override
		public String toString() {
			return "the Redis container of " + getOrigin();
		}

	}

}
