package com.myunla.gateway.session.autoconfigure;

import com.myunla.gateway.session.Redaction;
import com.myunla.gateway.session.Store;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@link SessionsEndpoint} where Spring Boot's Actuator is
 * present and the endpoint is available (enabled and exposed), with its
 * {@link SessionsEndpointServletExtension} in a Spring MVC application.
 */
@AutoConfiguration(after = SessionAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(Store.class)
@ConditionalOnAvailableEndpoint(SessionsEndpoint.class)
public final class SessionEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SessionsEndpoint sessionsEndpoint(Store store, ObjectProvider<Redaction> redaction) {
		return new SessionsEndpoint(store, redaction.getIfAvailable(Redaction::defaults));
	}

	// WebFlux's Actuator answers the endpoint's Monos itself; Spring MVC's needs them
	// waited for
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class ServletConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SessionsEndpointServletExtension sessionsEndpointServletExtension(SessionsEndpoint endpoint) {
			return new SessionsEndpointServletExtension(endpoint);
		}

	}

}
