package com.myunla.gateway.session.autoconfigure;

import com.myunla.gateway.session.redis.RedisStore;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the Redis store's health indicator, {@code sessionStore}, where Spring Boot's health
 * support is present. It can be turned off with {@code management.health.sessionstore.enabled=false}.
 */
@AutoConfiguration(after = SessionAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, RedisStore.class })
@ConditionalOnBean(RedisStore.class)
@ConditionalOnEnabledHealthIndicator("sessionstore")
public final class SessionHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "sessionStoreHealthIndicator")
	RedisStoreHealthIndicator sessionStoreHealthIndicator(RedisStore store) {
		return new RedisStoreHealthIndicator(store);
	}

}
