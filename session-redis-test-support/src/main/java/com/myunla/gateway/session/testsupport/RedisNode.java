package com.myunla.gateway.session.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLSocketFactory;

import org.jspecify.annotations.Nullable;

/**
 * One {@code redis-server} (or {@code valkey-server}) process (a data node or a sentinel)
 * on a loopback port, with its configuration file and log in a directory of its own.
 * Nodes are started by {@link RedisSingle}, {@link RedisCluster} and
 * {@link RedisSentinel}, which own them: closing the group closes its nodes.
 *
 * <p>
 * A node keeps its port for its whole life, so that clients can reconnect after
 * {@link #kill()} or {@link #stop()} followed by {@link #restart()}. Startup, restart and
 * the other process controls wait until the process is in the requested state and throw
 * {@link IllegalStateException} naming the node's address (with the end of its log when
 * it failed to start) if it does not get there in time. They are synchronized;
 * {@link #command(String...)} may be called from any thread at any time.
 */
public final class RedisNode implements AutoCloseable {

	static final String HOST = "127.0.0.1";

	static final InetAddress LOOPBACK = loopback();

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

	private static final int START_ATTEMPTS = 5;

	private final String name;

	private final Path directory;

	private final RedisOptions options;

	private final @Nullable SSLSocketFactory socketFactory;

	private final int port;

	private final Path configFile;

	private final Path logFile;

	private final NodeProcess process;

	private boolean closed;

	private RedisNode(String name, ServerKind kind, Mode mode, Path directory, RedisOptions options,
			@Nullable TlsFiles tls, int port) {
		this.name = name;
		this.directory = directory;
		this.options = options;
		this.socketFactory = (tls != null) ? tls.socketFactory() : null;
		this.port = port;
		this.configFile = directory.resolve((mode == Mode.SENTINEL) ? "sentinel.conf" : "redis.conf");
		this.logFile = directory.resolve("redis.log");
		this.process = new NodeProcess(kind.displayName() + " " + name + " at " + address(), kind, mode, directory,
				this.configFile, this.logFile);
	}

	/**
	 * Starts a node in a new directory and waits until it answers {@code PING}, retrying
	 * on a new port when another process took the chosen one first.
	 * @param name the node's name, also the name of its directory
	 * @param kind which server to run
	 * @param mode what kind of node to start
	 * @param parent the directory to create the node's directory in
	 * @param options the node's authentication and transport
	 * @param tls the certificates, required when the options ask for TLS
	 * @param extraConfig configuration lines appended to the generated ones
	 * @return the running node
	 */
	static RedisNode start(String name, ServerKind kind, Mode mode, Path parent, RedisOptions options,
			@Nullable TlsFiles tls, List<String> extraConfig) {
		if (options.tls() != (tls != null)) {
			throw new IllegalArgumentException(
					"Redis " + name + ": certificates must be given exactly when " + options + " asks for TLS");
		}
		Path directory = Directories.create(parent, name);
		NodeProcess.PortInUseException lastClash = null;
		for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
			int port = FreePorts.pick(mode == Mode.CLUSTER);
			RedisNode node = new RedisNode(name, kind, mode, directory, options, tls, port);
			try {
				NodeConfig.write(node.configFile, mode, port, directory, options, tls, extraConfig);
				node.launch();
				return node;
			}
			catch (NodeProcess.PortInUseException ex) {
				lastClash = ex;
			}
			catch (RuntimeException ex) {
				FreePorts.release(port);
				throw ex;
			}
			FreePorts.release(port);
		}
		throw new IllegalStateException("Redis " + name + " found its port taken " + START_ATTEMPTS + " times",
				lastClash);
	}

	/**
	 * Returns the node's name within its group, for example {@code master} or
	 * {@code sentinel-2}.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Returns the host the node listens on.
	 * @return {@code 127.0.0.1}
	 */
	public String host() {
		return HOST;
	}

	/**
	 * Returns the port the node listens on (the TLS port when TLS is on), the same across
	 * restarts.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Returns the address clients connect to.
	 * @return {@code 127.0.0.1:port}
	 */
	public String address() {
		return HOST + ":" + this.port;
	}

	/**
	 * Returns how clients authenticate to this node and whether it speaks TLS.
	 * @return the options
	 */
	public RedisOptions options() {
		return this.options;
	}

	/**
	 * Returns the node's directory, which holds its configuration file and its log.
	 * @return the directory
	 */
	public Path directory() {
		return this.directory;
	}

	/**
	 * Returns the node's log file; each start appends to it.
	 * @return the log file
	 */
	public Path logFile() {
		return this.logFile;
	}

	/**
	 * Tells whether the process is alive (it may be {@link #pause() paused}).
	 * @return whether the process is alive
	 */
	public synchronized boolean isRunning() {
		return this.process.isRunning();
	}

	/**
	 * Returns the process id of the running process.
	 * @return the process id
	 * @throws IllegalStateException if the node is not running
	 */
	public synchronized long pid() {
		return this.process.running().pid();
	}

	/**
	 * Kills the process with {@code SIGKILL}, as a crash or a power cut would, and waits
	 * until it is gone.
	 * @throws IllegalStateException if the node is not running
	 */
	public synchronized void kill() {
		this.process.kill();
	}

	/**
	 * Freezes the process with {@code SIGSTOP}: connections stay open but nothing is
	 * answered, as with a hung server or a network partition.
	 * @throws IllegalStateException if the node is not running
	 */
	public synchronized void pause() {
		this.process.pause(true);
	}

	/**
	 * Lets a {@link #pause() paused} process go on with {@code SIGCONT}.
	 * @throws IllegalStateException if the node is not running
	 */
	public synchronized void resume() {
		this.process.pause(false);
	}

	/**
	 * Stops the process if it runs, then starts it again on the same port with the same
	 * configuration and waits until it answers {@code PING}. Data is lost (there is no
	 * persistence); a cluster node keeps its cluster identity, and a sentinel what it
	 * learned, as Redis saves them in the node's directory.
	 * @throws IllegalStateException if the node was closed or does not come up in time
	 */
	public synchronized void restart() {
		if (this.closed) {
			throw new IllegalStateException("Redis " + this.name + " at " + address() + " is closed");
		}
		stop();
		launch();
	}

	/**
	 * Stops the process with {@code SIGTERM} (resuming it first if paused), or
	 * {@code SIGKILL} if it does not exit in time, and waits until it is gone. Does
	 * nothing if the node is not running.
	 */
	public synchronized void stop() {
		this.process.stop();
	}

	/**
	 * Stops the process and gives up the port. The node cannot be restarted afterwards;
	 * its directory is deleted by its group.
	 */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			stop();
		}
		finally {
			FreePorts.release(this.port);
		}
	}

	/**
	 * Sends a command, authenticated with the node's credentials, over a new connection,
	 * and returns the reply as text: strings as they are, integers in decimal, nil as the
	 * empty string and arrays (also nested) one element per line. Use it for
	 * {@code INFO}, {@code CONFIG SET}, {@code CLIENT KILL}, {@code PUBLISH},
	 * {@code DBSIZE} and the like.
	 * @param arguments the command name and its arguments, for example
	 * {@code "CONFIG", "GET", "maxmemory"}
	 * @return the reply
	 * @throws RedisCommandException if Redis replies with an error
	 * @throws UncheckedIOException if the node cannot be reached or does not reply within
	 * 10 seconds
	 */
	public String command(String... arguments) {
		return RespClient.text(call(COMMAND_TIMEOUT, arguments));
	}

	/**
	 * Tells whether the node answers {@code PING} within the timeout, for example to
	 * check that a paused node is unresponsive.
	 * @param timeout how long to wait for the connection and the reply
	 * @return whether {@code PONG} came back in time
	 */
	public boolean isResponsive(Duration timeout) {
		try {
			return "PONG".equals(call(timeout, "PING"));
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Sends a command and returns the reply as {@link RespClient} reads it.
	 * @param timeout the connect and read timeout
	 * @param arguments the command name and its arguments
	 * @return the reply
	 */
	@Nullable Object call(Duration timeout, String... arguments) {
		if (arguments.length == 0) {
			throw new IllegalArgumentException("A Redis command needs at least its name");
		}
		try (RespClient client = connect(this.options, timeout)) {
			return client.call(arguments);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot run " + arguments[0] + " on Redis " + this.name + " at " + address()
					+ ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Opens a connection over the node's transport, authenticated with the given
	 * credentials rather than the node's own, for example to check that a wrong password
	 * is refused.
	 * @param credentials the username and password to authenticate with, if any
	 * @param timeout the connect and read timeout
	 * @return the connection
	 * @throws IOException if the connection fails
	 * @throws RedisCommandException if authentication is refused
	 */
	RespClient connect(RedisOptions credentials, Duration timeout) throws IOException {
		return RespClient.connect(HOST, this.port, credentials, this.socketFactory, timeout);
	}

	/**
	 * Returns one field of an {@code INFO} section, for example {@code role} of
	 * {@code replication}.
	 * @param section the section
	 * @param field the field
	 * @return the value, or {@code null} if the section has no such field
	 */
	@Nullable String info(String section, String field) {
		return field(command("INFO", section), field);
	}

	/**
	 * Returns one field of an {@code INFO} or {@code CLUSTER INFO} reply.
	 * @param reply the reply, one {@code name:value} per line
	 * @param field the field's name
	 * @return the value, or {@code null} if the reply has no such field
	 */
	static @Nullable String field(String reply, String field) {
		String prefix = field + ":";
		return reply.lines()
			.filter((line) -> line.startsWith(prefix))
			.map((line) -> line.substring(prefix.length()).strip())
			.findFirst()
			.orElse(null);
	}

	@Override
	public String toString() {
		return "RedisNode[" + this.name + " at " + address() + "]";
	}

	private void launch() {
		this.process.launch(() -> call(PROBE_TIMEOUT, "PING"));
	}

	private static InetAddress loopback() {
		try {
			return InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 });
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * What kind of {@code redis-server} a node runs.
	 */
	enum Mode {

		/** A data node on its own or in a master/replica pair. */
		STANDALONE,

		/**
		 * A data node with cluster mode on, whose bus port (port + 10000) must be free
		 * too.
		 */
		CLUSTER,

		/** A sentinel. */
		SENTINEL

	}

}
