package com.example.connection;

import com.myunla.gateway.session.testsupport.RedisSingle;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A container of a Redis or Valkey image that Docker does not run: it stands for a server
 * process of the test support, which listens where the container's port {@code 6379}
 * would be mapped to. Spring Boot's {@code @ServiceConnection} support takes it for a
 * running container of that image.
 */
class ServerBackedContainer extends GenericContainer<ServerBackedContainer> {

	private final String image;

	private final RedisSingle server;

	ServerBackedContainer(String image, RedisSingle server) {
		super(DockerImageName.parse(image));
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
		return mappedPort(this.server, originalPort);
	}

	@Override
	public boolean isRunning() {
		return true;
	}

	@Override
	public void start() {
		throw new IllegalStateException("Started by the test support, not by Docker");
	}

	static int mappedPort(RedisSingle server, int originalPort) {
		if (originalPort != 6379) {
			throw new IllegalArgumentException("Only port 6379 is mapped, not " + originalPort);
		}
		return server.port();
	}

}
