package com.myunla.gateway.session.autoconfigure;

import com.myunla.gateway.session.redis.RedisStore;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the Redis store's Micrometer meters (see {@link RedisStoreMetrics}) where Micrometer
 * is present; Spring Boot binds them to the application's meter registry.
 */
@AutoConfiguration(after = SessionAutoConfiguration.class)
@ConditionalOnClass({ MeterBinder.class, RedisStore.class })
@ConditionalOnBean(RedisStore.class)
public final class SessionMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RedisStoreMetrics sessionStoreMetrics(RedisStore store) {
		return new RedisStoreMetrics(store);
	}

}
