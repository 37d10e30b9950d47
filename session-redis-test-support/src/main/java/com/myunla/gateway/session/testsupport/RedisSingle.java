package com.myunla.gateway.session.testsupport;

import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A single Redis (or Valkey) data node in a temporary directory, for tests of the
 * standalone mode.
 *
 * <p>
 * {@link #node()} controls the process (kill, pause, restart); closing stops it and
 * deletes the directory.
 */
public final class RedisSingle implements AutoCloseable {

	private final Path directory;

	private final @Nullable TlsFiles tls;

	private final RedisNode node;

	private RedisSingle(Path directory, @Nullable TlsFiles tls, RedisNode node) {
		this.directory = directory;
		this.tls = tls;
		this.node = node;
	}

	/**
	 * Starts a plain TCP node without authentication.
	 * @return the running node
	 * @throws IllegalStateException if {@code redis-server} is missing or the node does
	 * not come up
	 */
	public static RedisSingle start() {
		return start(RedisOptions.defaults());
	}

	/**
	 * Starts a node with the given authentication and transport.
	 * @param options the options
	 * @return the running node
	 * @throws IllegalStateException if {@code redis-server} (or {@code openssl} for TLS)
	 * is missing or the node does not come up
	 */
	public static RedisSingle start(RedisOptions options) {
		return start(ServerKind.REDIS, options);
	}

	/**
	 * Starts a plain TCP node of the given server without authentication.
	 * @param kind {@link ServerKind#VALKEY} for a Valkey node
	 * @return the running node
	 * @throws IllegalStateException if the server's executables are missing or the node
	 * does not come up
	 */
	public static RedisSingle start(ServerKind kind) {
		return start(kind, RedisOptions.defaults());
	}

	/**
	 * Starts a node of the given server with the given authentication and transport.
	 * @param kind {@link ServerKind#VALKEY} for a Valkey node
	 * @param options the options
	 * @return the running node
	 * @throws IllegalStateException if the server's executables (or {@code openssl} for
	 * TLS) are missing or the node does not come up
	 */
	public static RedisSingle start(ServerKind kind, RedisOptions options) {
		return start(kind, options, List.of());
	}

	/**
	 * Starts a node of the given server with the given authentication and transport, and
	 * configuration lines of its own, such as {@code rename-command EVAL ""}.
	 * @param kind {@link ServerKind#VALKEY} for a Valkey node
	 * @param options the options
	 * @param config lines appended to the generated configuration file, which override
	 * what it sets
	 * @return the running node
	 * @throws IllegalStateException if the server's executables (or {@code openssl} for
	 * TLS) are missing or the node does not come up (also when it refuses a line)
	 */
	public static RedisSingle start(ServerKind kind, RedisOptions options, List<String> config) {
		Path directory = Directories.createTemporary("redis-single-");
		try {
			TlsFiles tls = options.tls() ? TlsFiles.generate(directory) : null;
			RedisNode node = RedisNode.start("node", kind, RedisNode.Mode.STANDALONE, directory, options, tls,
					List.copyOf(config));
			return new RedisSingle(directory, tls, node);
		}
		catch (RuntimeException ex) {
			Groups.discard(List.of(), directory, ex);
			throw ex;
		}
	}

	/**
	 * Returns the node, to control its process or send it commands.
	 * @return the node
	 */
	public RedisNode node() {
		return this.node;
	}

	/**
	 * Returns the host the node listens on.
	 * @return {@code 127.0.0.1}
	 */
	public String host() {
		return this.node.host();
	}

	/**
	 * Returns the port the node listens on.
	 * @return the port
	 */
	public int port() {
		return this.node.port();
	}

	/**
	 * Returns the address clients connect to.
	 * @return {@code 127.0.0.1:port}
	 */
	public String address() {
		return this.node.address();
	}

	/**
	 * Sends a command to the node; see {@link RedisNode#command(String...)}.
	 * @param arguments the command name and its arguments
	 * @return the reply as text
	 * @throws RedisCommandException if Redis replies with an error
	 */
	public String command(String... arguments) {
		return this.node.command(arguments);
	}

	/**
	 * Returns how clients authenticate and whether they must use TLS.
	 * @return the options the node was started with
	 */
	public RedisOptions options() {
		return this.node.options();
	}

	/**
	 * Returns the CA certificate (PEM) that clients trust to connect over TLS.
	 * @return the certificate file
	 * @throws IllegalStateException if the node was started without TLS
	 */
	public Path caCertificate() {
		return Groups.caCertificate(this.tls, "RedisSingle at " + address());
	}

	/**
	 * Stops the node and deletes its directory.
	 */
	@Override
	public void close() {
		Groups.close(List.of(this.node), this.directory);
	}

	@Override
	public String toString() {
		return "RedisSingle[" + address() + "]";
	}

}
