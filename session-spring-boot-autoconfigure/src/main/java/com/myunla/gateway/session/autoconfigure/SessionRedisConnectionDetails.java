package com.myunla.gateway.session.autoconfigure;

import java.util.List;

import com.myunla.gateway.session.redis.RedisMode;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.ssl.SslBundle;

/**
 * Details of the Redis that the session store connects to, in Spring Boot's
 * {@link ConnectionDetails} style.
 *
 * <p>
 * A Testcontainers {@code @ServiceConnection} to a Redis or Valkey container, or a Redis
 * or Valkey service of Spring Boot's Docker Compose support, provides one, which wins
 * over the properties. Otherwise the auto-configuration provides one from
 * {@code session.redis.*} when {@code session.redis.addr} is set, otherwise from the
 * application's own Redis connection details ({@code spring.data.redis.*}) where Spring
 * Boot's Redis support is present, otherwise from {@code session.redis.*} with its
 * defaults. An application can define its own bean of this type instead. Either way the
 * store uses a Redis client of its own.
 */
public interface SessionRedisConnectionDetails extends ConnectionDetails {

	/**
	 * Returns how Redis is deployed.
	 * @return the mode
	 */
	RedisMode getMode();

	/**
	 * Returns the Redis addresses: the server (single mode), seed nodes (cluster) or
	 * sentinels (sentinel).
	 * @return {@code host:port} pairs, an IPv6 host in brackets; at least one
	 */
	List<String> getAddresses();

	/**
	 * Returns the name of the master that the sentinels monitor.
	 * @return the master name in sentinel mode, otherwise {@code null}
	 */
	default @Nullable String getMasterName() {
		return null;
	}

	/**
	 * Returns the user name for Redis ACL authentication.
	 * @return the user name, or {@code null} for none
	 */
	default @Nullable String getUsername() {
		return null;
	}

	/**
	 * Returns the password for Redis authentication.
	 * @return the password, or {@code null} for none
	 */
	default @Nullable String getPassword() {
		return null;
	}

	/**
	 * Returns the user name for authenticating to the sentinels.
	 * @return the user name, or {@code null} for none
	 */
	default @Nullable String getSentinelUsername() {
		return null;
	}

	/**
	 * Returns the password for authenticating to the sentinels.
	 * @return the password, or {@code null} for none
	 */
	default @Nullable String getSentinelPassword() {
		return null;
	}

	/**
	 * Returns the database number (single and sentinel mode).
	 * @return the database number
	 */
	default int getDatabase() {
		return 0;
	}

	/**
	 * Returns the TLS material and options: key and trust managers, protocols and cipher
	 * suites.
	 * @return the SSL bundle, or {@code null} for a plain TCP connection
	 */
	default @Nullable SslBundle getSslBundle() {
		return null;
	}

}
