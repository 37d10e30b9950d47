package com.myunla.gateway.session.autoconfigure;

import com.myunla.gateway.session.Redaction;
import com.myunla.gateway.session.Store;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the session {@link Store}: {@code session.type} picks the
 * in-memory store (the default) or the Redis store, each configured by {@code session.*}.
 * An application's own {@code Store} bean takes precedence. The {@link Redaction} that
 * {@code session.redaction.*} configures is a bean too, for whatever shows or logs the
 * requests of sessions. Where the application has an {@code ObservationRegistry} (as
 * Spring Boot's observation support provides), the store observes its sends, deliveries
 * and resumed streams with it, and Micrometer Tracing carries a send's trace to its
 * delivery.
 */
@AutoConfiguration(
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@EnableConfigurationProperties(SessionProperties.class)
@Import({ InvalidStoreTypeConfiguration.class, MemoryStoreConfiguration.class, RedisStoreConfiguration.class,
		RedisLibrariesMissingConfiguration.class, SessionShutdownConfiguration.class })
public final class SessionAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Redaction sessionRedaction(SessionProperties properties) {
		return SessionStores.redaction(properties);
	}

}
