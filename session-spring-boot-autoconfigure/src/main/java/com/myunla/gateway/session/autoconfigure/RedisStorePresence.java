package com.myunla.gateway.session.autoconfigure;

import org.springframework.util.ClassUtils;

/**
 * Whether the Redis store (module {@code session-redis}, an optional dependency of the
 * auto-configuration) is on the classpath. Code that asks whether a store is a
 * {@code RedisStore} checks this first: without the module the question alone would fail
 * with a {@link NoClassDefFoundError}.
 */
final class RedisStorePresence {

	static final String REDIS_STORE = "com.myunla.gateway.session.redis.RedisStore";

	private static final boolean PRESENT = ClassUtils.isPresent(REDIS_STORE, RedisStorePresence.class.getClassLoader());

	private RedisStorePresence() {
	}

	static boolean isPresent() {
		return PRESENT;
	}

}
