package com.myunla.gateway.session.autoconfigure;

import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.redis.RedisStore;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the session store's Micrometer meters (see
 * {@link SessionStoreMetrics}, and {@link RedisStoreMetrics} for the Redis store) where
 * Micrometer is present; Spring Boot binds them to the application's meter registry. A
 * {@link SessionMetricsTagsProvider} bean replaces the default tags.
 */
@AutoConfiguration(after = SessionAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(Store.class)
public final class SessionMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SessionMetricsTagsProvider sessionMetricsTagsProvider() {
		return new DefaultSessionMetricsTagsProvider();
	}

	@Bean
	@ConditionalOnMissingBean
	SessionStoreMetrics sessionStoreMetrics(Store store, SessionMetricsTagsProvider sessionMetricsTagsProvider) {
		return new SessionStoreMetrics(store, sessionMetricsTagsProvider);
	}

	// only where session-redis is present, so that an application without it never
	// loads a Redis store class
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RedisStore.class)
	@ConditionalOnBean(RedisStore.class)
	static class RedisMetrics {

		@Bean
		@ConditionalOnMissingBean
		RedisStoreMetrics redisStoreMetrics(RedisStore store, SessionMetricsTagsProvider sessionMetricsTagsProvider) {
			return new RedisStoreMetrics(store, sessionMetricsTagsProvider);
		}

	}

}
