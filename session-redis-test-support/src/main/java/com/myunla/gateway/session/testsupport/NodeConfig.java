package com.myunla.gateway.session.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The configuration file of a {@link RedisNode}: loopback only, no persistence, the
 * node's credentials (also towards its master or the other sentinels) and, with TLS, a
 * TLS listener only.
 */
final class NodeConfig {

	private NodeConfig() {
	}

	/**
	 * Writes the configuration of a node.
	 * @param file the file to write
	 * @param mode what kind of node it configures
	 * @param port the port to listen on (the TLS port with TLS)
	 * @param directory the node's working directory
	 * @param options the node's credentials
	 * @param tls the certificates, or {@code null} for plain TCP
	 * @param extraConfig lines appended to the generated ones
	 */
	static void write(Path file, RedisNode.Mode mode, int port, Path directory, RedisOptions options,
			@Nullable TlsFiles tls, List<String> extraConfig) {
		List<String> lines = new ArrayList<>();
		lines.add("bind " + RedisNode.HOST);
		if (tls != null) {
			// Port 0 turns the plain listener off: a client that forgets TLS fails
			// instead of silently working.
			lines.add("port 0");
			lines.add("tls-port " + port);
			lines.add("tls-cert-file " + quoted(tls.certificate()));
			lines.add("tls-key-file " + quoted(tls.privateKey()));
			lines.add("tls-ca-cert-file " + quoted(tls.caCertificate()));
			lines.add("tls-auth-clients no");
			lines.add("tls-replication yes");
			if (mode == RedisNode.Mode.CLUSTER) {
				lines.add("tls-cluster yes");
			}
		}
		else {
			lines.add("port " + port);
		}
		lines.add("dir " + quoted(directory));
		lines.add("logfile \"\"");
		lines.add("daemonize no");
		if (mode != RedisNode.Mode.SENTINEL) {
			lines.add("save \"\"");
			lines.add("appendonly no");
			// Without "now" a master stopped with SIGTERM waits up to 10 seconds for
			// lagging replicas.
			lines.add("shutdown-on-sigterm nosave now");
			lines.add("enable-debug-command local");
			// The default 5 second delay waits for more replicas to share one sync; tests
			// want the link now.
			lines.add("repl-diskless-sync-delay 0");
		}
		if (mode == RedisNode.Mode.CLUSTER) {
			lines.add("cluster-enabled yes");
			lines.add("cluster-config-file nodes.conf");
		}
		addCredentials(lines, mode, options);
		lines.addAll(extraConfig);
		try {
			Files.write(file, lines, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

	private static void addCredentials(List<String> lines, RedisNode.Mode mode, RedisOptions options) {
		String username = options.username();
		String password = options.password();
		if (username != null) {
			lines.add("user " + username + " on >" + password + " ~* &* +@all");
		}
		if (password != null) {
			lines.add("requirepass " + password);
			if (mode == RedisNode.Mode.SENTINEL) {
				// Sentinels talk to each other with these credentials once they require a
				// password.
				if (username != null) {
					lines.add("sentinel sentinel-user " + username);
				}
				lines.add("sentinel sentinel-pass " + password);
			}
			else {
				if (username != null) {
					lines.add("masteruser " + username);
				}
				lines.add("masterauth " + password);
			}
		}
	}

	private static String quoted(Path path) {
		return "\"" + path + "\"";
	}

	/**
	 * Returns the lines that make a sentinel monitor a master, failing it over within
	 * seconds: down after 1 second, failover timeout 5 seconds.
	 * @param masterName the name to monitor the master under
	 * @param masterPort the master's port on the loopback address
	 * @param quorum how many sentinels must agree that the master is down
	 * @param dataOptions the credentials of the data nodes
	 * @return the configuration lines
	 */
	static List<String> sentinel(String masterName, int masterPort, int quorum, RedisOptions dataOptions) {
		List<String> config = new ArrayList<>();
		// Hostname resolution is off so that the sentinels report the IP the clients were
		// given.
		config.add("sentinel resolve-hostnames no");
		config.add("sentinel monitor " + masterName + " " + RedisNode.HOST + " " + masterPort + " " + quorum);
		config.add("sentinel down-after-milliseconds " + masterName + " 1000");
		config.add("sentinel failover-timeout " + masterName + " 5000");
		config.add("sentinel parallel-syncs " + masterName + " 1");
		String username = dataOptions.username();
		String password = dataOptions.password();
		if (username != null) {
			config.add("sentinel auth-user " + masterName + " " + username);
		}
		if (password != null) {
			config.add("sentinel auth-pass " + masterName + " " + password);
		}
		return config;
	}

}
