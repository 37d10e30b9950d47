package com.myunla.gateway.session.autoconfigure;

import java.util.List;

/**
 * What the {@link SessionRedisConnectionDetails} implementations share: the
 * {@code host:port} form of an address, and the images and port of a Redis that
 * Testcontainers or Docker Compose runs.
 */
final class RedisEndpoints {

	/**
	 * The port Redis listens on in its container.
	 */
	static final int CONTAINER_PORT = 6379;

	/**
	 * The images, without registry and tag, known to run a Redis that the store can use:
	 * those Spring Boot's own Redis service connections accept, and Valkey's.
	 */
	static final List<String> IMAGE_NAMES = List.of("redis", "redis/redis-stack", "redis/redis-stack-server",
			"valkey/valkey");

	/**
	 * The class that the service connection factories require: without the Redis store
	 * there is no use for its connection details.
	 */
	static final String STORE_CLASS_NAME = "com.myunla.gateway.session.redis.RedisStore";

	private RedisEndpoints() {
	}

	/**
	 * Returns the address of a host and port, an IPv6 host in brackets.
	 * @param host the host name or IP address
	 * @param port the port
	 * @return {@code host:port}
	 */
	static String address(String host, int port) {
		return ((host.indexOf(':') >= 0 && !host.startsWith("[")) ? "[" + host + "]" : host) + ":" + port;
	}

}
