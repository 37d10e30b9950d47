package com.myunla.gateway.session.redis;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Checks of the arguments of {@link RedisStoreBuilder}'s setters: each throws
 * {@link IllegalArgumentException} naming the setting.
 */
final class BuilderChecks {

	/** Largest message data: Redis's largest string. */
	private static final long MAX_MESSAGE_SIZE = 512L * 1024 * 1024;

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

	static List<String> addresses(@Nullable List<String> addresses) {
		if (addresses == null || addresses.isEmpty()) {
			throw new IllegalArgumentException("Redis addresses must name at least one host:port");
		}
		return addresses;
	}

	static int database(int database) {
		if (database < 0) {
			throw new IllegalArgumentException("Redis database must not be negative, was " + database);
		}
		return database;
	}

	static Duration ttl(@Nullable Duration ttl) {
		if (ttl == null || ttl.toMillis() < 1) {
			throw new IllegalArgumentException("Redis session store ttl must be at least 1ms, was " + ttl);
		}
		return ttl;
	}

	static long maxMessageSize(long bytes) {
		if (bytes > MAX_MESSAGE_SIZE) {
			throw new IllegalArgumentException(
					"Redis session store maxMessageSize must be at most 512MB, was " + bytes);
		}
		return atLeastOne(bytes, "maxMessageSize");
	}

	/**
	 * Checks that the largest message fits a byte limit.
	 * @param what what a message larger than the limit could never be
	 */
	static void fits(long maxMessageSize, long limit, String name, String what) {
		if (maxMessageSize > limit) {
			throw new IllegalArgumentException("Redis session store maxMessageSize (" + maxMessageSize
					+ ") must not exceed " + name + " (" + limit + "): a message that large could never be " + what);
		}
	}

}
