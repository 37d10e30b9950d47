package com.myunla.gateway.session.testsupport;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.resources.LoopResources;
import reactor.netty.transport.ServerTransport;

/**
 * The event loops and open connections of one of this package's proxies. The loops are
 * the proxy's own, so that closing an application context that shares Reactor Netty's
 * global resources does not stop the proxy. Thread-safe.
 */
final class ProxyConnections {

	/** The address every proxy listens on. */
	static final String LOOPBACK = "127.0.0.1";

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

	private final Set<Connection> connections = ConcurrentHashMap.newKeySet();

	private final LoopResources loops;

	/**
	 * Creates the loops of one proxy.
	 * @param name the prefix of the loops' thread names
	 */
	ProxyConnections(String name) {
		this.loops = LoopResources.create(name, 1, 2, true);
	}

	LoopResources loops() {
		return this.loops;
	}

	/**
	 * Starts a server on a free loopback port, on these loops, with its connections
	 * tracked; releases the loops if that fails.
	 * @param server the configured server
	 * @return the bound server
	 */
	<T extends ServerTransport<T, ?>> DisposableServer bind(T server) {
		try {
			return server.host(LOOPBACK).port(0).runOn(this.loops).doOnConnection(this::track).bindNow();
		}
		catch (RuntimeException ex) {
			close(null);
			throw ex;
		}
	}

	/**
	 * Keeps a connection until it is disposed, so that {@link #disposeAll()} closes it.
	 */
	void track(Connection connection) {
		this.connections.add(connection);
		connection.onDispose(() -> this.connections.remove(connection));
	}

	/**
	 * Closes every tracked connection.
	 */
	void disposeAll() {
		for (Connection connection : this.connections) {
			connection.dispose();
		}
	}

	/**
	 * Stops the server, closes every tracked connection and releases the loops.
	 * @param server the proxy's server, or {@code null} if it did not start
	 */
	void close(@Nullable DisposableServer server) {
		try {
			if (server != null) {
				server.dispose();
				disposeAll();
				server.onDispose().block(CLOSE_TIMEOUT);
			}
		}
		finally {
			this.loops.disposeLater(Duration.ZERO, CLOSE_TIMEOUT).block(CLOSE_TIMEOUT);
		}
	}

}
