package com.myunla.gateway.session.autoconfigure;

import com.myunla.gateway.session.Store;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Stops startup with a clear message when {@code session.type=redis} is set but the Redis
 * store (module {@code session-redis}) or the Redis libraries are missing, instead of
 * leaving the application without a {@link Store}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "session.type", havingValue = "redis")
@Conditional(RedisLibrariesMissingConfiguration.LibrariesMissing.class)
class RedisLibrariesMissingConfiguration {

	static final String[] REQUIRED = { "com.myunla.gateway.session.redis.RedisStore",
			"org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory", "io.lettuce.core.RedisClient",
			"tools.jackson.databind.json.JsonMapper" };

	@Bean
	@ConditionalOnMissingBean(Store.class)
	Store sessionStore(ConfigurableListableBeanFactory beanFactory) {
		String missing = missing(beanFactory.getBeanClassLoader());
		throw new IllegalStateException("session.type=redis needs the Redis store module com.myunla:session-redis, "
				+ "spring-data-redis, lettuce-core and jackson-databind on the classpath, but " + missing
				+ " is missing: depend on session-spring-boot-starter, which brings them (do not exclude "
				+ "session-redis from it), or use session.type=memory");
	}

	static @Nullable String missing(@Nullable ClassLoader classLoader) {
		for (String name : REQUIRED) {
			if (!ClassUtils.isPresent(name, classLoader)) {
				return name;
			}
		}
		return null;
	}

	static class LibrariesMissing extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String missing = missing(context.getClassLoader());
			return (missing != null) ? ConditionOutcome.match(missing + " is missing")
					: ConditionOutcome.noMatch("the Redis libraries are present");
		}

	}

}
