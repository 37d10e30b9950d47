package com.myunla.gateway.session.autoconfigure;

import com.myunla.gateway.session.autoconfigure.SessionProperties.StoreType;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Stops startup when {@code session.type} does not name a store. Without it no store
 * configuration would match, and the first bean needing a {@code Store} would fail with a
 * message naming neither the property nor its valid values. The check runs as a bean
 * factory post-processor, before any bean is created, so that it comes first whatever
 * else the application holds.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(InvalidStoreTypeConfiguration.InvalidStoreType.class)
class InvalidStoreTypeConfiguration {

	@Bean
	static BeanFactoryPostProcessor invalidSessionStoreType(Environment environment) {
		throw new InvalidStoreTypeException(
				String.valueOf(environment.getProperty(InvalidStoreTypeException.PROPERTY)));
	}

	static class InvalidStoreType extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			try {
				Binder.get(context.getEnvironment()).bind(InvalidStoreTypeException.PROPERTY, StoreType.class);
				return ConditionOutcome.noMatch(InvalidStoreTypeException.PROPERTY + " names a store or is not set");
			}
			catch (BindException ex) {
				return ConditionOutcome.match(InvalidStoreTypeException.PROPERTY + " names no store");
			}
		}

	}

}
