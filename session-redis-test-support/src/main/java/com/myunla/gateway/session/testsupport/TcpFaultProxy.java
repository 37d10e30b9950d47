package com.myunla.gateway.session.testsupport;

import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.ByteBufFlux;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.NettyInbound;
import reactor.netty.NettyOutbound;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpServer;

/**
 * A TCP proxy on a free loopback port in front of one backend (a Redis server), which can
 * make the connections open at a given moment half-open, as a NAT or firewall that lost
 * its state, or a host replaced behind the same address, does.
 *
 * <p>
 * Each client connection gets a connection of its own to the backend, and bytes pass both
 * ways unchanged, until {@link #blackHole()}: from then on the connections open at that
 * moment forward nothing in either direction and stay open at both ends. Bytes sent on
 * them are read and dropped (the sender's TCP stack sees them acknowledged, as a first
 * hop that still answers would), and a close at one end does not reach the other: the
 * backend keeps its side of the connection (a subscriber stays subscribed) and the client
 * learns nothing. Connections opened afterwards work normally. A close of one side of a
 * working connection closes the other side.
 *
 * <p>
 * The proxy runs on event loops of its own (see {@code ProxyConnections}). Its methods
 * are thread-safe.
 */
public final class TcpFaultProxy implements AutoCloseable {

	private final ProxyConnections connections = new ProxyConnections("tcp-fault-proxy");

	private final Set<Link> links = ConcurrentHashMap.newKeySet();

	private final TcpClient client;

	private final DisposableServer server;

	private TcpFaultProxy(String backendHost, int backendPort) {
		this.client = TcpClient.create(ConnectionProvider.newConnection())
			.runOn(this.connections.loops())
			.remoteAddress(() -> InetSocketAddress.createUnresolved(backendHost, backendPort))
			.doOnConnected(this.connections::track);
		this.server = this.connections.bind(TcpServer.create().handle(this::proxy));
	}

	/**
	 * Starts a proxy in front of a backend.
	 * @param backendHost the backend's host
	 * @param backendPort the backend's port
	 * @return the running proxy
	 */
	public static TcpFaultProxy start(String backendHost, int backendPort) {
		return new TcpFaultProxy(backendHost, backendPort);
	}

	/**
	 * Returns the address clients connect to.
	 * @return {@code 127.0.0.1:<port>}
	 */
	public String address() {
		return ProxyConnections.LOOPBACK + ":" + port();
	}

	/**
	 * Returns the port clients connect to.
	 * @return the port
	 */
	public int port() {
		return this.server.port();
	}

	/**
	 * Returns how many client connections are open and forward bytes.
	 * @return the number of working connections
	 */
	public int workingConnections() {
		return (int) this.links.stream().filter((link) -> !link.blackHoled).count();
	}

	/**
	 * Makes every connection open now half-open: it stops forwarding bytes in both
	 * directions and stays open at both ends. Connections opened afterwards work.
	 * @return the number of connections that stopped forwarding
	 */
	public int blackHole() {
		int count = 0;
		for (Link link : this.links) {
			if (!link.blackHoled) {
				link.blackHoled = true;
				count++;
			}
		}
		return count;
	}

	/**
	 * Stops accepting connections, closes every connection at both ends, the black-holed
	 * ones too, and releases the proxy's threads.
	 */
	@Override
	public void close() {
		this.connections.close(this.server);
	}

	private Mono<Void> proxy(NettyInbound inbound, NettyOutbound outbound) {
		Link link = new Link();
		this.links.add(link);
		// The client's connection closes when the returned Mono completes: a black-holed
		// link never completes it, so that the client sees no close.
		inbound.withConnection((connection) -> connection.onDispose(link::closeFromClient));
		return this.client.connect().flatMap((backend) -> {
			link.connected(backend);
			// A forwarding that fails ends with its connection, which the close
			// handlers above deal with.
			forward(inbound.receive(), backend.outbound(), link).subscribe(null, (ex) -> {
			});
			forward(backend.inbound().receive(), outbound, link).subscribe(null, (ex) -> {
			});
			return link.clientClosed.asMono();
		}).doFinally((signal) -> this.links.remove(link));
	}

	private static Mono<Void> forward(ByteBufFlux from, NettyOutbound to, Link link) {
		// Retained first: the receiving side releases each chunk after handing it on,
		// the sending side once it is written, and the filter (through Reactor Netty's
		// discard hook) when it drops one. Flushed chunk by chunk: a Redis reply must not
		// wait for more bytes to come.
		return to.send(from.retain().filter((bytes) -> !link.blackHoled), (bytes) -> true).then();
	}

	/**
	 * A client connection and its connection to the backend.
	 */
	private static final class Link {

		final Sinks.Empty<Void> clientClosed = Sinks.empty();

		volatile boolean blackHoled;

		volatile @Nullable Connection backend;

		volatile boolean clientGone;

		void connected(Connection backend) {
			this.backend = backend;
			backend.onDispose(this::closeFromBackend);
			if (this.clientGone) {
				// the client left while the backend connection was being opened
				closeFromClient();
			}
		}

		/**
		 * The client closed its connection: a working link closes the backend's too; the
		 * backend of a black-holed one never learns of it.
		 */
		void closeFromClient() {
			this.clientGone = true;
			this.clientClosed.tryEmitEmpty();
			Connection backend = this.backend;
			if (!this.blackHoled && backend != null) {
				backend.dispose();
			}
		}

		/**
		 * The backend closed its connection: a working link closes the client's too; the
		 * client of a black-holed one never learns of it.
		 */
		void closeFromBackend() {
			if (!this.blackHoled) {
				this.clientClosed.tryEmitEmpty();
			}
		}

	}

}
