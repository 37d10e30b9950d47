package com.myunla.gateway.session.autoconfigure;

import com.myunla.gateway.session.memory.MemoryStore;
import com.myunla.gateway.session.redis.RedisStore;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the session store's health indicator, {@code sessionStore}, where
 * Spring Boot's health support is present: {@link RedisStoreHealthIndicator} for the
 * Redis store, {@link MemoryStoreHealthIndicator} for the memory store. It can be turned
 * off with {@code management.health.sessionstore.enabled=false}.
 */
@AutoConfiguration(after = SessionAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnEnabledHealthIndicator("sessionstore")
@Import({ SessionHealthAutoConfiguration.RedisHealth.class, SessionHealthAutoConfiguration.MemoryHealth.class })
public final class SessionHealthAutoConfiguration {

	// only where session-redis is present, so that an application without it never
	// loads a Redis store class
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RedisStore.class)
	@ConditionalOnBean(RedisStore.class)
	static class RedisHealth {

		@Bean
		@ConditionalOnMissingBean(name = "sessionStoreHealthIndicator")
		RedisStoreHealthIndicator sessionStoreHealthIndicator(RedisStore store) {
			return new RedisStoreHealthIndicator(store);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(MemoryStore.class)
	static class MemoryHealth {

		@Bean
		@ConditionalOnMissingBean(name = "sessionStoreHealthIndicator")
		MemoryStoreHealthIndicator sessionStoreHealthIndicator() {
			return new MemoryStoreHealthIndicator();
		}

	}

}
