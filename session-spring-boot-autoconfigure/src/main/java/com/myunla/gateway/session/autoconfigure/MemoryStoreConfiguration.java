package com.myunla.gateway.session.autoconfigure;

import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.autoconfigure.SessionProperties.StoreType;
import com.myunla.gateway.session.memory.MemoryStore;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The in-memory store, for {@code session.type=memory} (the default), observed with the
 * application's {@link ObservationRegistry} where there is one.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "session.type", havingValue = "memory", matchIfMissing = true)
class MemoryStoreConfiguration {

	@Bean
	@ConditionalOnMissingBean(Store.class)
	MemoryStore sessionStore(SessionProperties properties, ObjectProvider<ObservationRegistry> observationRegistry) {
		StoreTypeProcessedAheadOfTimeException.check(properties, StoreType.MEMORY);
		return SessionStores.memory(properties, observationRegistry.getIfAvailable());
	}

}
