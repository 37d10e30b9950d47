package com.myunla.gateway.session.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Picks loopback ports that are free now and not handed out to another node of this JVM.
 * Another process may still take a port before Redis binds it; {@link RedisNode} retries
 * with a new port when that happens.
 */
final class FreePorts {

	/** Offset of a Redis Cluster node's bus port from its client port, fixed by Redis. */
	static final int CLUSTER_BUS_OFFSET = 10000;

	private static final int ATTEMPTS = 200;

	private static final Set<Integer> handedOut = ConcurrentHashMap.newKeySet();

	private FreePorts() {
	}

	/**
	 * Picks a free port.
	 * @param withBusPort whether the port plus {@value #CLUSTER_BUS_OFFSET} must be free
	 * too
	 * @return the port, reserved until {@link #release(int) released}
	 */
	static int pick(boolean withBusPort) {
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			int port = bindAny();
			if (withBusPort && (port + CLUSTER_BUS_OFFSET > 65535 || !isFree(port + CLUSTER_BUS_OFFSET))) {
				continue;
			}
			if (handedOut.add(port)) {
				return port;
			}
		}
		throw new IllegalStateException("No free loopback port found after " + ATTEMPTS + " attempts");
	}

	/**
	 * Makes a port available to later {@link #pick(boolean) picks}.
	 * @param port the port
	 */
	static void release(int port) {
		handedOut.remove(port);
	}

	private static int bindAny() {
		try (ServerSocket socket = new ServerSocket(0, 1, RedisNode.LOOPBACK)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot bind a loopback port", ex);
		}
	}

	private static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(RedisNode.LOOPBACK, port), 1);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
