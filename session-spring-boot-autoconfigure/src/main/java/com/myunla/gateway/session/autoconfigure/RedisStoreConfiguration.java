package com.myunla.gateway.session.autoconfigure;

import java.util.function.Consumer;

import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.autoconfigure.SessionProperties.StoreType;
import com.myunla.gateway.session.redis.RedisStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The Redis store, for {@code session.type=redis}, built with
 * {@link RedisStore#builder()} from {@code session.redis.*} and the
 * {@link SessionRedisConnectionDetails}. The store has its own Lettuce client and
 * listener container; neither is a bean, so the application's own Redis setup is
 * untouched. Creating the store connects nothing: {@link RedisStoreLifecycle} starts it
 * with the application context (unless {@code session.redis.auto-startup=false}), before
 * the web server, and closes it after the web server stopped.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({ RedisStore.class, LettuceConnectionFactory.class, RedisClient.class, JsonMapper.class })
@ConditionalOnProperty(name = "session.type", havingValue = "redis")
@ConditionalOnMissingBean(Store.class)
class RedisStoreConfiguration {

	@Bean
	@ConditionalOnMissingBean(SessionRedisConnectionDetails.class)
	PropertiesSessionRedisConnectionDetails sessionRedisConnectionDetails(SessionProperties properties,
			ObjectProvider<SslBundles> sslBundles) {
		return new PropertiesSessionRedisConnectionDetails(properties.getRedis(), sslBundles.getIfAvailable());
	}

	@Bean(destroyMethod = "close")
	RedisStore sessionStore(SessionProperties properties, SessionRedisConnectionDetails connectionDetails,
			ObjectProvider<ClientResourcesCustomizers> clientResourcesCustomizers,
			ObjectProvider<SessionRedisClientCustomizer> clientCustomizers,
			ObjectProvider<ObservationRegistry> observationRegistry) {
		StoreTypeProcessedAheadOfTimeException.check(properties, StoreType.REDIS);
		return SessionStores.redis(properties, connectionDetails, (builder) -> {
			builder.autoStartup(false);
			builder.observationRegistry(observationRegistry.getIfAvailable());
			clientResourcesCustomizers.ifAvailable(builder::customizeClientResources);
			builder.customizeClient((client) -> clientCustomizers.orderedStream()
				.forEach((customizer) -> customizer.customize(client)));
		});
	}

	@Bean
	RedisStoreLifecycle sessionStoreLifecycle(RedisStore sessionStore, SessionProperties properties) {
		return new RedisStoreLifecycle(sessionStore, properties.getRedis().isAutoStartup());
	}

	/**
	 * Spring Boot's Redis support: the application's Redis connection details and client
	 * resources customizers, where present.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(DataRedisConnectionDetails.class)
	static class DataRedisSupportConfiguration {

		@Bean
		@ConditionalOnMissingBean(SessionRedisConnectionDetails.class)
		SessionRedisConnectionDetails sessionRedisConnectionDetails(SessionProperties properties,
				ObjectProvider<SslBundles> sslBundles, ObjectProvider<DataRedisConnectionDetails> application) {
			DataRedisConnectionDetails applicationDetails = application.getIfUnique();
			if (properties.getRedis().getAddr() == null && applicationDetails != null) {
				return new ApplicationRedisConnectionDetails(applicationDetails);
			}
			return new PropertiesSessionRedisConnectionDetails(properties.getRedis(), sslBundles.getIfAvailable());
		}

		@Bean
		ClientResourcesCustomizers sessionRedisClientResourcesCustomizers(
				ObjectProvider<ClientResourcesBuilderCustomizer> customizers) {
			return (builder) -> customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		}

	}

	/**
	 * Spring Boot's {@link ClientResourcesBuilderCustomizer} beans, applied to the
	 * store's client resources; a type of its own so that the store's bean method does
	 * not name an optional class.
	 */
	interface ClientResourcesCustomizers extends Consumer<ClientResources.Builder> {

	}

}
