package com.myunla.gateway.session.autoconfigure;

import java.time.Duration;

import com.myunla.gateway.session.Redaction;
import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.memory.MemoryStore;
import com.myunla.gateway.session.redis.RedisStore;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Builds stores from {@link SessionProperties} without a Spring context, for scripts, tools and tests.
 * The auto-configuration builds its beans the same way.
 *
 * <pre>{@code
 * SessionProperties properties = new SessionProperties();
 * properties.getRedis().setAddr("localhost:6379");
 * try (RedisStore store = SessionStores.redis(properties)) {
 *     store.register(meta).block();
 * }
 * }</pre>
 */
public final class SessionStores {

	private SessionStores() {
	}

	/**
	 * Creates the store that {@code session.type} names.
	 * @param properties the properties
	 * @return the store; a Redis store is started and owns its Redis client
	 */
	public static Store create(SessionProperties properties) {
		return switch (properties.getType()) {
			case MEMORY -> memory(properties);
			case REDIS -> redis(properties);
		};
	}

	/**
	 * Creates an in-memory store.
	 * @param properties the properties; {@code session.memory.*} and the common limits apply
	 * @return the store
	 */
	public static MemoryStore memory(SessionProperties properties) {
		return MemoryStore.builder()
			.ttl(properties.getMemory().getTtl())
			.retention(properties.getRetention())
			.bufferSize(properties.getBufferSize())
			.maxMessageSize((int) properties.getMaxMessageSize().toBytes())
			.build();
	}

	/**
	 * Creates a Redis store with its own Redis client and listener container, both closed with the store.
	 * Blocks until Redis answers and the store's pub/sub channel works.
	 * @param properties the properties; {@code session.redis.*} and the common limits apply
	 * @return the started store
	 * @throws IllegalStateException if Redis cannot be reached or refuses the credentials, or the properties are
	 * inconsistent, with a message naming the mode and addresses or the property at fault
	 */
	public static RedisStore redis(SessionProperties properties) {
		SessionRedisClient client = SessionRedisClient.create(properties.getRedis(), (SslBundles) null);
		RedisMessageListenerContainer container;
		try {
			container = listenerContainer(client.getConnectionFactory());
			container.afterPropertiesSet();
		}
		catch (RuntimeException ex) {
			client.close();
			throw ex;
		}
		return new RedisStore(client.getConnectionFactory(), container, redisSettings(properties, client.getTarget()),
				() -> {
					try {
						container.destroy();
					}
					finally {
						client.close();
					}
				});
	}

	static RedisStore.Settings redisSettings(SessionProperties properties, String target) {
		SessionProperties.Redis redis = properties.getRedis();
		String instanceId = redis.getInstanceId().isEmpty() ? RedisStore.Settings.randomInstanceId()
				: redis.getInstanceId();
		Redaction stored = properties.getRedaction().isStoreInClear() ? Redaction.none() : redaction(properties);
		return new RedisStore.Settings(redis.getPrefix(), redis.getTopic(), instanceId, redis.getTtl(),
				properties.getRetention(), properties.getBufferSize(), properties.getMaxMessageSize().toBytes(),
				redis.getCommandTimeout(), redis.getProbeInterval(), target, stored);
	}

	/**
	 * Returns the redaction that {@code session.redaction.*} configures.
	 * @param properties the properties
	 * @return the redaction
	 */
	static Redaction redaction(SessionProperties properties) {
		SessionProperties.Redaction redaction = properties.getRedaction();
		return Redaction.of(redaction.getHeaders(), redaction.getQueries(), redaction.getCookies());
	}

	static RedisMessageListenerContainer listenerContainer(RedisConnectionFactory connectionFactory) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(connectionFactory);
		// Dispatch on the subscription's own thread: frames must reach the store in the order Redis sent them,
		// and the store's listener never blocks.
		container.setTaskExecutor(new SyncTaskExecutor());
		ExponentialBackOff backOff = new ExponentialBackOff(100, 2);
		backOff.setMaxInterval(Duration.ofSeconds(5).toMillis());
		container.setRecoveryBackoff(backOff);
		return container;
	}

}
