package com.myunla.gateway.session.redis;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Checks of the arguments of {@link RedisStoreBuilder}'s setters: each throws
 * {@link IllegalArgumentException} naming the setting.
 */
final class BuilderChecks {

	private BuilderChecks() {
	}

	static @Nullable String emptyToNull(@Nullable String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

	static <T> T notNull(@Nullable T value, String what) {
		if (value == null) {
			throw new IllegalArgumentException(what + " must not be null");
		}
		return value;
	}

	static String hasText(@Nullable String value, String what) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(what + " must not be empty");
		}
		return value;
	}

	static Duration positive(@Nullable Duration value, String what) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(what + " must be positive, was " + value);
		}
		return value;
	}

	static long atLeastOne(long value, String what) {
		if (value < 1) {
			throw new IllegalArgumentException("Redis session store " + what + " must be at least 1, was " + value);
		}
		return value;
	}

}
