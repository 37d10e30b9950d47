package com.myunla.gateway.session.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The {@code redis-cli --cluster} commands that a {@link RedisCluster} runs: creating the
 * cluster and checking its slot map, with the cluster's credentials and transport.
 */
final class ClusterCli {

	private final ServerKind kind;

	private final Path directory;

	private final RedisOptions options;

	private final @Nullable TlsFiles tls;

	/**
	 * Creates the commands of a cluster.
	 * @param kind the server whose client runs the commands
	 * @param directory the cluster's directory, where the commands run
	 * @param options the credentials and transport of the cluster's nodes
	 * @param tls the certificates, or {@code null} for plain TCP
	 */
	ClusterCli(ServerKind kind, Path directory, RedisOptions options, @Nullable TlsFiles tls) {
		this.kind = kind;
		this.directory = directory;
		this.options = options;
		this.tls = tls;
	}

	/**
	 * Creates a cluster of the nodes with one replica per master.
	 */
	void create(List<RedisNode> nodes, Duration timeout) {
		List<String> command = command();
		command.add("--cluster");
		command.add("create");
		nodes.forEach((node) -> command.add(node.address()));
		command.add("--cluster-replicas");
		command.add("1");
		command.add("--cluster-yes");
		ExternalCommand.runChecked(this.directory, timeout, command);
	}

	/**
	 * Checks that all nodes agree on a slot map that covers every slot.
	 * @param node the node to ask
	 * @param slots the number of slots
	 * @throws IllegalStateException if the check fails, with its output
	 */
	void check(RedisNode node, int slots, Duration timeout) {
		List<String> command = command();
		command.add("--cluster");
		command.add("check");
		command.add(node.address());
		ExternalCommand result = ExternalCommand.run(this.directory, timeout, command);
		String output = result.output();
		if (result.exitCode() != 0 || output.contains("[ERR]")
				|| !output.contains("[OK] All nodes agree about slots configuration.")
				|| !output.contains("[OK] All " + slots + " slots covered.")) {
			throw new IllegalStateException(this.kind.cli() + " --cluster check failed:\n" + output);
		}
	}

	private List<String> command() {
		List<String> command = new ArrayList<>();
		command.add(RedisBinaries.cli(this.kind).toString());
		if (this.tls != null) {
			command.add("--tls");
			command.add("--cacert");
			command.add(this.tls.caCertificate().toString());
		}
		String username = this.options.username();
		String password = this.options.password();
		if (username != null) {
			command.add("--user");
			command.add(username);
		}
		if (password != null) {
			command.add("-a");
			command.add(password);
			command.add("--no-auth-warning");
		}
		return command;
	}

}
