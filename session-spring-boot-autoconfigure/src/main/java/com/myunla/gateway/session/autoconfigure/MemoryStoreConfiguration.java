package com.myunla.gateway.session.autoconfigure;

import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.autoconfigure.SessionProperties.StoreType;
import com.myunla.gateway.session.memory.MemoryStore;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The in-memory store, for {@code session.type=memory} (the default).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "session.type", havingValue = "memory", matchIfMissing = true)
class MemoryStoreConfiguration {

	@Bean
	@ConditionalOnMissingBean(Store.class)
	MemoryStore sessionStore(SessionProperties properties) {
		StoreTypeProcessedAheadOfTimeException.check(properties, StoreType.MEMORY);
		return SessionStores.memory(properties);
	}

}
