package com.myunla.gateway.session.autoconfigure;

import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.redis.RedisStore;
import io.lettuce.core.RedisClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * The Redis store, for {@code session.type=redis}: its own Lettuce client built from {@code session.redis.*},
 * the listener container that carries messages between instances, and the store. None of them is a
 * {@code RedisConnectionFactory} or template bean, so the application's own Redis setup is untouched.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({ LettuceConnectionFactory.class, RedisClient.class, JsonMapper.class })
@ConditionalOnProperty(name = "session.type", havingValue = "redis")
@ConditionalOnMissingBean(Store.class)
class RedisStoreConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	SessionRedisClient sessionRedisClient(SessionProperties properties, ObjectProvider<SslBundles> sslBundles) {
		return SessionRedisClient.create(properties.getRedis(), sslBundles.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean(name = "sessionRedisMessageListenerContainer")
	RedisMessageListenerContainer sessionRedisMessageListenerContainer(SessionRedisClient client) {
		return SessionStores.listenerContainer(client.getConnectionFactory());
	}

	@Bean(destroyMethod = "close")
	RedisStore sessionStore(SessionProperties properties, SessionRedisClient client,
			RedisMessageListenerContainer sessionRedisMessageListenerContainer) {
		return new RedisStore(client.getConnectionFactory(), sessionRedisMessageListenerContainer,
				SessionStores.redisSettings(properties, client.getTarget()), null);
	}

}
