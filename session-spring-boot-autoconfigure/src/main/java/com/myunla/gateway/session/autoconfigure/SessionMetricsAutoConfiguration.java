package com.myunla.gateway.session.autoconfigure;

import com.myunla.gateway.session.Store;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the session store's Micrometer meters (see
 * {@link SessionStoreMetrics}) where Micrometer is present; Spring Boot binds them to the
 * application's meter registry. A {@link SessionMetricsTagsProvider} bean replaces the
 * default tags.
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

}
