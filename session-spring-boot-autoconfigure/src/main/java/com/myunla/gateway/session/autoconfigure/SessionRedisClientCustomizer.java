package com.myunla.gateway.session.autoconfigure;

import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration.LettuceClientConfigurationBuilder;

/**
 * Callback that customizes the session store's own Redis client through its
 * {@link LettuceClientConfigurationBuilder}, after the auto-configuration applied
 * {@code session.redis.*}, so that the customizer has the last word. Customizers run in
 * their {@code @Order}. Setting the client options replaces the store's (connect and
 * command timeouts, cluster topology refresh, TLS options).
 *
 * <p>
 * The application's own Redis connection factory is not affected; Spring Boot's
 * {@code ClientResourcesBuilderCustomizer} beans apply to both.
 */
@FunctionalInterface
public interface SessionRedisClientCustomizer {

	/**
	 * Customizes the client configuration of the session store's Redis client.
	 * @param builder the builder to customize
	 */
	void customize(LettuceClientConfigurationBuilder builder);

}
