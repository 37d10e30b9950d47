package com.myunla.gateway.session.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * A Redis Sentinel group: one master, one replica and three sentinels monitoring the
 * master with a quorum of two, a down-after time of 1 second and a failover timeout of 5
 * seconds, so that a failover completes within seconds of the master dying.
 *
 * <p>
 * {@link #start()} returns once the replica's link to the master is up and every sentinel
 * knows the master, the replica and the two other sentinels, so a failover can start at
 * once. {@link #master()} and {@link #replica()} are the nodes as started; after a
 * failover, {@link #currentMasterAddress()} tells which one is the master. The data nodes
 * use the group's {@link RedisOptions}; the sentinels accept clients without a password
 * unless sentinel credentials are set on the {@link Builder}. Closing the group stops
 * every process and deletes its directory.
 */
public final class RedisSentinel implements AutoCloseable {

	/** Master name used unless the builder sets another. */
	public static final String DEFAULT_MASTER_NAME = "mymaster";

	private static final int SENTINELS = 3;

	private static final int QUORUM = 2;

	private static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);

	private final Path directory;

	private final String masterName;

	private final @Nullable TlsFiles tls;

	private final RedisNode master;

	private final RedisNode replica;

	private final List<RedisNode> sentinels;

	private String knownMasterAddress;

	private RedisSentinel(Path directory, String masterName, @Nullable TlsFiles tls, RedisNode master,
			RedisNode replica, List<RedisNode> sentinels) {
		this.directory = directory;
		this.masterName = masterName;
		this.tls = tls;
		this.master = master;
		this.replica = replica;
		this.sentinels = sentinels;
		this.knownMasterAddress = master.address();
	}

	/**
	 * Starts a plain TCP group without authentication, monitoring the master as
	 * {@value #DEFAULT_MASTER_NAME}.
	 * @return the ready group
	 * @throws IllegalStateException if Redis is missing or the group is not ready in 60
	 * seconds
	 */
	public static RedisSentinel start() {
		return builder().start();
	}

	/**
	 * Starts a group whose data nodes use the given authentication and transport.
	 * @param options the options
	 * @return the ready group
	 * @throws IllegalStateException if Redis is missing or the group is not ready in 60
	 * seconds
	 */
	public static RedisSentinel start(RedisOptions options) {
		return builder().options(options).start();
	}

	/**
	 * Returns a builder for a group with settings other than the defaults.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the name under which the sentinels monitor the master.
	 * @return the master name
	 */
	public String masterName() {
		return this.masterName;
	}

	/**
	 * Returns the addresses of the three sentinels, for a client's sentinel list.
	 * @return {@code 127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3}
	 */
	public String sentinelAddresses() {
		return this.sentinels.stream().map(RedisNode::address).collect(Collectors.joining(","));
	}

	/**
	 * Returns the three sentinels.
	 * @return the sentinels
	 */
	public List<RedisNode> sentinels() {
		return this.sentinels;
	}

	/**
	 * Returns the data node started as the master; after a failover it is no longer the
	 * master.
	 * @return the node started as the master
	 */
	public RedisNode master() {
		return this.master;
	}

	/**
	 * Returns the data node started as the replica; after a failover it is the master.
	 * @return the node started as the replica
	 */
	public RedisNode replica() {
		return this.replica;
	}

	/**
	 * Returns the data node with the given address.
	 * @param address {@code host:port}
	 * @return the master or the replica
	 * @throws IllegalArgumentException if neither data node has that address
	 */
	public RedisNode node(String address) {
		for (RedisNode node : List.of(this.master, this.replica)) {
			if (node.address().equals(address)) {
				return node;
			}
		}
		throw new IllegalArgumentException(
				"No data node of the sentinel group '" + this.masterName + "' has the address " + address);
	}

	/**
	 * Asks the sentinels, first to last until one answers, for the current master's
	 * address ({@code SENTINEL GET-MASTER-ADDR-BY-NAME}).
	 * @return {@code host:port}
	 * @throws IllegalStateException if no sentinel answers
	 */
	public String currentMasterAddress() {
		IllegalStateException failure = new IllegalStateException(
				"No sentinel of " + sentinelAddresses() + " knows the master of '" + this.masterName + "'");
		for (RedisNode sentinel : this.sentinels) {
			try {
				return SentinelQueries.masterAddress(sentinel, this.masterName);
			}
			catch (RuntimeException ex) {
				failure.addSuppressed(ex);
			}
		}
		throw failure;
	}

	/**
	 * Waits until the sentinels replaced the master, typically after the test killed or
	 * paused it: every running sentinel names the same master, it is not the previous
	 * one, and that node reports {@code role:master}. The previous master is the one
	 * named when the group started or by the last call of this method.
	 * @param timeout how long to wait; failover takes a few seconds
	 * @return the new master's address, {@code host:port}
	 * @throws IllegalStateException if the failover does not complete in time, naming
	 * what was wrong last
	 */
	public synchronized String awaitFailover(Duration timeout) {
		String previous = this.knownMasterAddress;
		String next = Polling.await(
				"sentinels " + sentinelAddresses() + " to replace master " + previous + " of '" + this.masterName + "'",
				timeout, () -> {
					Set<String> named = new LinkedHashSet<>();
					for (RedisNode sentinel : this.sentinels) {
						if (sentinel.isRunning()) {
							named.add(SentinelQueries.masterAddress(sentinel, this.masterName));
						}
					}
					if (named.size() != 1) {
						throw new IllegalStateException("sentinels name " + named);
					}
					String address = named.iterator().next();
					if (address.equals(previous)) {
						throw new IllegalStateException("sentinels still name " + previous);
					}
					String role = node(address).info("replication", "role");
					if (!"master".equals(role)) {
						throw new IllegalStateException(address + " reports role:" + role);
					}
					return address;
				});
		this.knownMasterAddress = next;
		return next;
	}

	/**
	 * Returns the CA certificate (PEM) that clients trust to connect over TLS, to the
	 * data nodes and the sentinels alike.
	 * @return the certificate file
	 * @throws IllegalStateException if the group was started without TLS
	 */
	public Path caCertificate() {
		return Groups.caCertificate(this.tls, "Redis sentinel group '" + this.masterName + "'");
	}

	/**
	 * Stops every process and deletes the group's directory.
	 */
	@Override
	public void close() {
		List<RedisNode> nodes = new ArrayList<>(this.sentinels);
		nodes.add(this.replica);
		nodes.add(this.master);
		Groups.close(nodes, this.directory);
	}

	@Override
	public String toString() {
		return "RedisSentinel['" + this.masterName + "', sentinels " + sentinelAddresses() + "]";
	}

	private void awaitReady(Duration timeout) {
		Polling.await("replica " + this.replica.address() + " to link to master " + this.master.address(), timeout,
				() -> "up".equals(this.replica.info("replication", "master_link_status")) ? Boolean.TRUE : null);
		for (RedisNode sentinel : this.sentinels) {
			Polling.await("sentinel " + sentinel.address() + " to know master, replica and other sentinels of '"
					+ this.masterName + "'", timeout, () -> {
						Map<String, String> state = SentinelQueries.masterState(sentinel, this.masterName);
						if (!"master".equals(state.get("flags")) || !"1".equals(state.get("num-slaves"))
								|| !String.valueOf(SENTINELS - 1).equals(state.get("num-other-sentinels"))) {
							throw new IllegalStateException("sentinel reports " + state);
						}
						return Boolean.TRUE;
					});
		}
	}

	/**
	 * Builds a {@link RedisSentinel} with settings other than the defaults.
	 */
	public static final class Builder {

		private String masterName = DEFAULT_MASTER_NAME;

		private RedisOptions options = RedisOptions.defaults();

		private @Nullable String sentinelUsername;

		private @Nullable String sentinelPassword;

		private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;

		private Builder() {
		}

		/**
		 * Sets the name under which the sentinels monitor the master; defaults to
		 * {@value #DEFAULT_MASTER_NAME}.
		 * @param masterName the master name
		 * @return this builder
		 */
		public Builder masterName(String masterName) {
			if (masterName.isEmpty() || masterName.chars().anyMatch((c) -> c <= ' ' || c == '"' || c == '\'')) {
				throw new IllegalArgumentException(
						"Master name '" + masterName + "' must be non-empty and free of whitespace and quotes");
			}
			this.masterName = masterName;
			return this;
		}

		/**
		 * Sets how clients authenticate to the data nodes and whether the whole group
		 * uses TLS; by default plain TCP without authentication. The sentinels
		 * authenticate to the data nodes with these credentials.
		 * @param options the options
		 * @return this builder
		 */
		public Builder options(RedisOptions options) {
			this.options = options;
			return this;
		}

		/**
		 * Makes the sentinels require a password of their default user.
		 * @param password the sentinels' password
		 * @return this builder
		 */
		public Builder sentinelPassword(String password) {
			this.sentinelUsername = null;
			this.sentinelPassword = password;
			return this;
		}

		/**
		 * Makes the sentinels require a password, and accept it for an ACL user of the
		 * given name too.
		 * @param username the sentinels' ACL user
		 * @param password the sentinels' password
		 * @return this builder
		 */
		public Builder sentinelUser(String username, String password) {
			this.sentinelUsername = username;
			this.sentinelPassword = password;
			return this;
		}

		/**
		 * Sets how long {@link #start()} waits for the group to be ready; defaults to 60
		 * seconds.
		 * @param startupTimeout the startup timeout
		 * @return this builder
		 */
		public Builder startupTimeout(Duration startupTimeout) {
			this.startupTimeout = startupTimeout;
			return this;
		}

		/**
		 * Starts the master, the replica and the sentinels and waits until a failover
		 * could start.
		 * @return the ready group
		 * @throws IllegalStateException if Redis is missing or the group is not ready in
		 * time; every process started so far is stopped first
		 */
		public RedisSentinel start() {
			RedisOptions sentinelOptions = new RedisOptions(this.sentinelUsername, this.sentinelPassword,
					this.options.tls());
			Path directory = Directories.createTemporary("redis-sentinel-");
			List<RedisNode> nodes = new ArrayList<>();
			try {
				TlsFiles tls = this.options.tls() ? TlsFiles.generate(directory) : null;
				RedisNode master = RedisNode.start("master", ServerKind.REDIS, RedisNode.Mode.STANDALONE, directory,
						this.options, tls, List.of());
				nodes.add(master);
				RedisNode replica = RedisNode.start("replica", ServerKind.REDIS, RedisNode.Mode.STANDALONE, directory,
						this.options, tls, List.of("replicaof " + RedisNode.HOST + " " + master.port()));
				nodes.add(replica);
				List<String> config = NodeConfig.sentinel(this.masterName, master.port(), QUORUM, this.options);
				List<RedisNode> sentinels = new ArrayList<>();
				for (int i = 1; i <= SENTINELS; i++) {
					RedisNode sentinel = RedisNode.start("sentinel-" + i, ServerKind.REDIS, RedisNode.Mode.SENTINEL,
							directory, sentinelOptions, tls, config);
					nodes.add(sentinel);
					sentinels.add(sentinel);
				}
				RedisSentinel group = new RedisSentinel(directory, this.masterName, tls, master, replica,
						List.copyOf(sentinels));
				group.awaitReady(this.startupTimeout);
				return group;
			}
			catch (RuntimeException ex) {
				Groups.discard(nodes, directory, ex);
				throw ex;
			}
		}

	}

}
