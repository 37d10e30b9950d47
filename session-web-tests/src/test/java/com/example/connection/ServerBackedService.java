package com.example.connection;

import java.util.List;
import java.util.Map;

import com.myunla.gateway.session.testsupport.RedisSingle;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.docker.compose.core.ConnectionPorts;
import org.springframework.boot.docker.compose.core.ImageReference;
import org.springframework.boot.docker.compose.core.RunningService;

/**
 * A Docker Compose service that Docker does not run: it stands for a server process of
 * the test support, which listens where the service's port {@code 6379} would be
 * published.
 */
class ServerBackedService implements RunningService, ConnectionPorts {

	private final String name;

	private final String image;

	private final Map<String, String> labels;

	private final RedisSingle server;

	ServerBackedService(String name, String image, Map<String, String> labels, RedisSingle server) {
		this.name = name;
		this.image = image;
		this.labels = labels;
		this.server = server;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public ImageReference image() {
		return ImageReference.of(this.image);
	}

	@Override
	public String host() {
		return this.server.host();
	}

	@Override
	public ConnectionPorts ports() {
		return this;
	}

	@Override
	public Map<String, @Nullable String> env() {
		return Map.of();
	}

	@Override
	public Map<String, String> labels() {
		return this.labels;
	}

	@Override
	public int get(int containerPort) {
		return ServerBackedContainer.mappedPort(this.server, containerPort);
	}

	@Override
	public List<Integer> getAll() {
		return List.of(this.server.port());
	}

	@Override
	public List<Integer> getAll(@Nullable String protocol) {
		return getAll();
	}

}
