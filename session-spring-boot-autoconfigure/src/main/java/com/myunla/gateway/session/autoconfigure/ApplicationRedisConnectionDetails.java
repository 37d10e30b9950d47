package com.myunla.gateway.session.autoconfigure;

import java.util.List;

import com.myunla.gateway.session.redis.RedisMode;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Node;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Sentinel;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Standalone;
import org.springframework.boot.ssl.SslBundle;

/**
 * {@link SessionRedisConnectionDetails} that point at the application's own Redis, as
 * Spring Boot's {@link DataRedisConnectionDetails} describe it
 * ({@code spring.data.redis.*}, a service connection, Docker Compose).
 */
class ApplicationRedisConnectionDetails implements SessionRedisConnectionDetails {

	private final DataRedisConnectionDetails application;

	ApplicationRedisConnectionDetails(DataRedisConnectionDetails application) {
		this.application = application;
	}

	@Override
	public RedisMode getMode() {
		if (this.application.getSentinel() != null) {
			return RedisMode.SENTINEL;
		}
		if (this.application.getCluster() != null) {
			return RedisMode.CLUSTER;
		}
		if (this.application.getMasterReplica() != null) {
			throw new IllegalStateException("The application's Redis is a static master/replica setup, which the "
					+ "session store does not support: set session.redis.addr");
		}
		return RedisMode.SINGLE;
	}

	@Override
	public List<String> getAddresses() {
		Sentinel sentinel = this.application.getSentinel();
		if (sentinel != null) {
			return addresses(sentinel.getNodes());
		}
		DataRedisConnectionDetails.Cluster cluster = this.application.getCluster();
		if (cluster != null) {
			return addresses(cluster.getNodes());
		}
		Standalone standalone = this.application.getStandalone();
		return (standalone != null) ? List.of(RedisEndpoints.address(standalone.getHost(), standalone.getPort()))
				: List.of();
	}

	@Override
	public @Nullable String getMasterName() {
		Sentinel sentinel = this.application.getSentinel();
		return (sentinel != null) ? sentinel.getMaster() : null;
	}

	@Override
	public @Nullable String getUsername() {
		return this.application.getUsername();
	}

	@Override
	public @Nullable String getPassword() {
		return this.application.getPassword();
	}

	@Override
	public @Nullable String getSentinelUsername() {
		Sentinel sentinel = this.application.getSentinel();
		return (sentinel != null) ? sentinel.getUsername() : null;
	}

	@Override
	public @Nullable String getSentinelPassword() {
		Sentinel sentinel = this.application.getSentinel();
		return (sentinel != null) ? sentinel.getPassword() : null;
	}

	@Override
	public int getDatabase() {
		Sentinel sentinel = this.application.getSentinel();
		if (sentinel != null) {
			return sentinel.getDatabase();
		}
		Standalone standalone = this.application.getStandalone();
		return (this.application.getCluster() == null && standalone != null) ? standalone.getDatabase() : 0;
	}

	@Override
	public @Nullable SslBundle getSslBundle() {
		return this.application.getSslBundle();
	}

	@Override
	public String toString() {
		return "the application's Redis connection details, used because session.redis.addr is not set";
	}

	private static List<String> addresses(List<Node> nodes) {
		return nodes.stream().map((node) -> RedisEndpoints.address(node.host(), node.port())).toList();
	}

}
