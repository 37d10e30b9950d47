package com.example.connection;

import com.myunla.gateway.session.testsupport.RedisSingle;
import com.redis.testcontainers.RedisContainer;

/**
 * A {@link RedisContainer} that Docker does not run, like {@link ServerBackedContainer}:
 * here of an image whose name does not say Redis, so that only its type tells a service
 * connection that it is one.
 */
class ServerBackedRedisContainer extends RedisContainer {

	private final String image;

	private final RedisSingle server;

	ServerBackedRedisContainer(String image, RedisSingle server) {
		super(image);
		this.image = image;
		this.server = server;
	}

	@Override
	public String getDockerImageName() {
		return this.image;
	}

	@Override
	public String getHost() {
		return this.server.host();
	}

	@Override
	public Integer getMappedPort(int originalPort) {
		return ServerBackedContainer.mappedPort(this.server, originalPort);
	}

	@Override
	public boolean isRunning() {
		return true;
	}

	@Override
	public void start() {
		throw new IllegalStateException("Started by the test support, not by Docker");
	}

}
