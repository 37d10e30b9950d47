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
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link SessionsEndpoint} where Spring Boot's Actuator is
 * present and the endpoint is available (enabled and exposed).
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

}
