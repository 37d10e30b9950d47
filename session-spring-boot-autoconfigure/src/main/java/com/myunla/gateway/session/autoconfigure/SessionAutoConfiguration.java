package com.myunla.gateway.session.autoconfigure;

import com.myunla.gateway.session.Store;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the session {@link Store}: {@code session.type} picks the in-memory store (the
 * default) or the Redis store, each configured by {@code session.*}. An application's own {@code Store}
 * bean takes precedence.
 */
@AutoConfiguration
@EnableConfigurationProperties(SessionProperties.class)
@Import({ InvalidStoreTypeConfiguration.class, MemoryStoreConfiguration.class, RedisStoreConfiguration.class,
		RedisLibrariesMissingConfiguration.class })
public final class SessionAutoConfiguration {

}
