package com.example.connection;

import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.ServerKind;
import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.util.Assert;

/**
 * A container of a Redis or Valkey image that Docker does not run: starting it starts a
 * server process of the test support instead, which listens where the container's port
 * {@code 6379} would be mapped to. Spring Boot's {@code @ServiceConnection} support
 * starts it as it would start the container.
 */
class ServerBackedContainer extends GenericContainer<ServerBackedContainer> {

	private final String image;

	private final ServerKind kind;

	private @Nullable RedisSingle server;

	ServerBackedContainer(String image, ServerKind kind) {
		super(DockerImageName.parse(image));
		this.image = image;
		this.kind = kind;
	}

	@Override
	public String getDockerImageName() {
		return this.image;
	}

	@Override
	public void start() {
		Assert.state(this.server == null, "Already started");
		this.server = RedisSingle.start(this.kind);
	}

	@Override
	public boolean isRunning() {
		return this.server != null;
	}

	@Override
	public String getHost() {
		return server().host();
	}

	@Override
	public Integer getMappedPort(int originalPort) {
		return mappedPort(server(), originalPort);
	}

	/**
	 * Returns the server, once the container is started.
	 * @return the server
	 */
	RedisSingle server() {
		Assert.state(this.server != null, "Not started");
		return this.server;
	}

	@Override
	public void stop() {
		if (this.server != null) {
			this.server.close();
			this.server = null;
		}
	}

	/**
	 * Returns the port of a server that stands for a container's or a service's port.
	 * @param server the server
	 * @param originalPort the port in the container
	 * @return the server's port
	 * @throws IllegalArgumentException unless the port in the container is Redis's
	 */
	static int mappedPort(RedisSingle server, int originalPort) {
		Assert.isTrue(originalPort == 6379, () -> "Only port 6379 is mapped, not " + originalPort);
		return server.port();
	}

}
