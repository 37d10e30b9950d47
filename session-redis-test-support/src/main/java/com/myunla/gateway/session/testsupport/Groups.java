package com.myunla.gateway.session.testsupport;

import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What {@link RedisSingle}, {@link RedisCluster} and {@link RedisSentinel} share: the CA
 * certificate accessor and closing every node even when one of them fails to stop.
 */
final class Groups {

	private Groups() {
	}

	static Path caCertificate(@Nullable TlsFiles tls, String group) {
		if (tls == null) {
			throw new IllegalStateException(group + " was started without TLS");
		}
		return tls.caCertificate();
	}

	/**
	 * Cleans up after a group failed to start: closes the nodes started so far and
	 * deletes the directory, adding any failure to the one being reported.
	 * @param nodes the nodes started so far
	 * @param directory the group's directory
	 * @param failure why the group failed to start
	 */
	static void discard(List<RedisNode> nodes, Path directory, RuntimeException failure) {
		try {
			close(nodes, directory);
		}
		catch (RuntimeException ex) {
			failure.addSuppressed(ex);
		}
	}

	/**
	 * Closes every node, then deletes the group's directory.
	 * @param nodes the nodes
	 * @param directory the group's directory
	 * @throws RuntimeException the first failure, with later ones suppressed, after every
	 * node was tried
	 */
	static void close(List<RedisNode> nodes, Path directory) {
		RuntimeException failure = null;
		for (RedisNode node : nodes) {
			try {
				node.close();
			}
			catch (RuntimeException ex) {
				if (failure == null) {
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		try {
			Directories.delete(directory);
		}
		catch (RuntimeException ex) {
			if (failure == null) {
				failure = ex;
			}
			else {
				failure.addSuppressed(ex);
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

}
