package com.myunla.gateway.session.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * A Redis Cluster of three masters and three replicas, created with
 * {@code redis-cli --cluster create}; or a Valkey cluster, created with
 * {@code valkey-cli}, when the {@link Builder#server(ServerKind) builder} asks for one.
 *
 * <p>
 * {@link #start()} returns once every node reports {@code cluster_state:ok} and knows
 * every other node, every replica's link to its master is up and
 * {@code redis-cli --cluster check} finds all nodes agreeing on a full slot map. Which
 * node is a master can change (after a node is killed, its replica takes over), so
 * {@link #masters()}, {@link #replicas()} and {@link #masterForKey(String)} ask the nodes
 * each time. Closing the cluster stops every node and deletes the cluster's directory.
 */
public final class RedisCluster implements AutoCloseable {

	private static final int NODES = 6;

	private static final int MASTERS = 3;

	private static final int SLOTS = 16384;

	private static final Duration DEFAULT_NODE_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(1);

	private final Path directory;

	private final RedisOptions options;

	private final @Nullable TlsFiles tls;

	private final List<RedisNode> nodes;

	private final ClusterCli cli;

	private RedisCluster(ServerKind kind, Path directory, RedisOptions options, @Nullable TlsFiles tls,
			List<RedisNode> nodes) {
		this.directory = directory;
		this.options = options;
		this.tls = tls;
		this.nodes = nodes;
		this.cli = new ClusterCli(kind, directory, options, tls);
	}

	/**
	 * Starts a plain TCP cluster without authentication.
	 * @return the healthy cluster
	 * @throws IllegalStateException if Redis is missing or the cluster does not become
	 * healthy in 60 seconds
	 */
	public static RedisCluster start() {
		return builder().start();
	}

	/**
	 * Starts a cluster with the given authentication and transport.
	 * @param options the options
	 * @return the healthy cluster
	 * @throws IllegalStateException if Redis is missing or the cluster does not become
	 * healthy in 60 seconds
	 */
	public static RedisCluster start(RedisOptions options) {
		return builder().options(options).start();
	}

	/**
	 * Returns a builder for a cluster with settings other than the defaults.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the six nodes in the order they were started, whatever their current roles.
	 * @return the nodes
	 */
	public List<RedisNode> nodes() {
		return this.nodes;
	}

	/**
	 * Returns the nodes that currently report the master role; nodes that do not answer
	 * within a second (stopped, killed or paused) are left out.
	 * @return the masters, in start order
	 */
	public List<RedisNode> masters() {
		return withRole("master");
	}

	/**
	 * Returns the nodes that currently report the replica role; nodes that do not answer
	 * within a second (stopped, killed or paused) are left out.
	 * @return the replicas, in start order
	 */
	public List<RedisNode> replicas() {
		return withRole("slave");
	}

	/**
	 * Returns the addresses of all six nodes, for a client's seed list.
	 * @return {@code 127.0.0.1:p1,127.0.0.1:p2,...}
	 */
	public String seedAddresses() {
		return this.nodes.stream().map(RedisNode::address).collect(Collectors.joining(","));
	}

	/**
	 * Returns the node with the given address.
	 * @param address {@code host:port}
	 * @return the node
	 * @throws IllegalArgumentException if no node of this cluster has that address
	 */
	public RedisNode node(String address) {
		return this.nodes.stream()
			.filter((node) -> node.address().equals(address))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"No node of the cluster " + seedAddresses() + " has the address " + address));
	}

	/**
	 * Returns the hash slot of a key, as computed by the cluster
	 * ({@code CLUSTER KEYSLOT}).
	 * @param key the key
	 * @return the slot, 0 to 16383
	 */
	public int slot(String key) {
		return Integer.parseInt(anyResponsiveNode().command("CLUSTER", "KEYSLOT", key));
	}

	/**
	 * Returns the master that serves a key, as a responsive node sees the cluster now.
	 * @param key the key
	 * @return the master
	 * @throws IllegalStateException if no healthy master serves the key's slot
	 */
	public RedisNode masterForKey(String key) {
		return masterForSlot(slot(key));
	}

	/**
	 * Returns the master that serves a hash slot, as a responsive node sees the cluster
	 * now ({@code CLUSTER NODES}).
	 * @param slot the slot, 0 to 16383
	 * @return the master
	 * @throws IllegalStateException if no healthy master serves the slot
	 */
	public RedisNode masterForSlot(int slot) {
		if (slot < 0 || slot >= SLOTS) {
			throw new IllegalArgumentException("Slot " + slot + " is outside 0.." + (SLOTS - 1));
		}
		RedisNode asked = anyResponsiveNode();
		String master = ClusterNodes.masterOf(asked.command("CLUSTER", "NODES"), slot);
		if (master != null) {
			return node(master);
		}
		throw new IllegalStateException("No healthy master serves slot " + slot + " according to " + asked);
	}

	/**
	 * Waits until the cluster is healthy again, for example after a node was restarted:
	 * every node runs, reports {@code cluster_state:ok} and knows every other node, there
	 * are three masters and three replicas whose links are up, and
	 * {@code redis-cli --cluster check} finds all nodes agreeing on a full slot map.
	 * @param timeout how long to wait
	 * @throws IllegalStateException if the cluster is not healthy in time, naming what
	 * was wrong last
	 */
	public void awaitHealthy(Duration timeout) {
		Polling.await("Redis cluster " + seedAddresses() + " to be healthy", timeout, () -> {
			int masters = 0;
			for (RedisNode node : this.nodes) {
				if (!node.isRunning()) {
					throw new Polling.Abort(
							"Redis cluster node " + node.name() + " at " + node.address() + " is not running");
				}
				String info = node.command("CLUSTER", "INFO");
				String state = RedisNode.field(info, "cluster_state");
				if (!"ok".equals(state)) {
					throw new IllegalStateException(node.address() + " reports cluster_state:" + state);
				}
				// The slots can be served before the gossip has told every node of every
				// replica: a client asking such a node for the topology would see a part
				String known = RedisNode.field(info, "cluster_known_nodes");
				if (!Integer.toString(NODES).equals(known)) {
					throw new IllegalStateException(node.address() + " knows " + known + " of " + NODES + " nodes");
				}
				if ("master".equals(node.info("replication", "role"))) {
					masters++;
				}
				else {
					String link = node.info("replication", "master_link_status");
					if (!"up".equals(link)) {
						throw new IllegalStateException(node.address() + " reports master_link_status:" + link);
					}
				}
			}
			if (masters != MASTERS) {
				throw new IllegalStateException(masters + " of " + NODES + " nodes are masters");
			}
			this.cli.check(this.nodes.get(0), SLOTS, DEFAULT_STARTUP_TIMEOUT);
			return Boolean.TRUE;
		});
	}

	/**
	 * Returns how clients authenticate and whether they must use TLS.
	 * @return the options the cluster was started with
	 */
	public RedisOptions options() {
		return this.options;
	}

	/**
	 * Returns the CA certificate (PEM) that clients trust to connect over TLS.
	 * @return the certificate file
	 * @throws IllegalStateException if the cluster was started without TLS
	 */
	public Path caCertificate() {
		return Groups.caCertificate(this.tls, "Redis cluster " + seedAddresses());
	}

	/**
	 * Stops every node and deletes the cluster's directory.
	 */
	@Override
	public void close() {
		Groups.close(this.nodes, this.directory);
	}

	@Override
	public String toString() {
		return "RedisCluster[" + seedAddresses() + "]";
	}

	private List<RedisNode> withRole(String role) {
		return this.nodes.stream().filter((node) -> role.equals(role(node))).toList();
	}

	private static @Nullable String role(RedisNode node) {
		if (!node.isRunning()) {
			return null;
		}
		try {
			return (node.call(QUERY_TIMEOUT, "ROLE") instanceof List<?> reply && !reply.isEmpty())
					? String.valueOf(reply.get(0)) : null;
		}
		catch (RuntimeException ex) {
			// A paused node has no role a client could use.
			return null;
		}
	}

	private RedisNode anyResponsiveNode() {
		return this.nodes.stream()
			.filter((node) -> node.isRunning() && node.isResponsive(QUERY_TIMEOUT))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No node of the cluster " + seedAddresses() + " responds"));
	}

	/**
	 * Builds a {@link RedisCluster} with settings other than the defaults.
	 */
	public static final class Builder {

		private ServerKind kind = ServerKind.REDIS;

		private RedisOptions options = RedisOptions.defaults();

		private Duration nodeTimeout = DEFAULT_NODE_TIMEOUT;

		private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;

		private Builder() {
		}

		/**
		 * Sets which server the nodes run; by default Redis.
		 * @param kind {@link ServerKind#VALKEY} for a Valkey cluster
		 * @return this builder
		 */
		public Builder server(ServerKind kind) {
			this.kind = kind;
			return this;
		}

		/**
		 * Sets how clients authenticate and whether they must use TLS; by default plain
		 * TCP without authentication.
		 * @param options the options
		 * @return this builder
		 */
		public Builder options(RedisOptions options) {
			this.options = options;
			return this;
		}

		/**
		 * Sets {@code cluster-node-timeout}: how long a node may be unreachable before
		 * the cluster fails it over. Defaults to 5 seconds; shorter speeds up failover
		 * tests, but risks spurious failovers on a loaded machine.
		 * @param nodeTimeout the node timeout
		 * @return this builder
		 */
		public Builder nodeTimeout(Duration nodeTimeout) {
			if (nodeTimeout.toMillis() < 100) {
				throw new IllegalArgumentException("Cluster node timeout must be at least 100 ms, was " + nodeTimeout);
			}
			this.nodeTimeout = nodeTimeout;
			return this;
		}

		/**
		 * Sets how long {@link #start()} waits for the cluster to become healthy;
		 * defaults to 60 seconds.
		 * @param startupTimeout the startup timeout
		 * @return this builder
		 */
		public Builder startupTimeout(Duration startupTimeout) {
			this.startupTimeout = startupTimeout;
			return this;
		}

		/**
		 * Starts six nodes, creates the cluster and waits until it is healthy.
		 * @return the healthy cluster
		 * @throws IllegalStateException if the server's executables are missing or the
		 * cluster does not become healthy in time; every process started so far is
		 * stopped first
		 */
		public RedisCluster start() {
			Path directory = Directories.createTemporary("redis-cluster-");
			List<RedisNode> nodes = new ArrayList<>();
			try {
				TlsFiles tls = this.options.tls() ? TlsFiles.generate(directory) : null;
				List<String> config = List.of("cluster-node-timeout " + this.nodeTimeout.toMillis());
				for (int i = 1; i <= NODES; i++) {
					nodes.add(RedisNode.start("node-" + i, this.kind, RedisNode.Mode.CLUSTER, directory, this.options,
							tls, config));
				}
				RedisCluster cluster = new RedisCluster(this.kind, directory, this.options, tls, List.copyOf(nodes));
				cluster.cli.create(cluster.nodes, this.startupTimeout);
				cluster.awaitHealthy(this.startupTimeout);
				return cluster;
			}
			catch (RuntimeException ex) {
				Groups.discard(nodes, directory, ex);
				throw ex;
			}
		}

	}

}
