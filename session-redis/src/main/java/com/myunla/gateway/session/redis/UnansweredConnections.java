package com.myunla.gateway.session.redis;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.lettuce.core.Delegating;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisChannelWriter;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.protocol.DefaultEndpoint;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Replaces the store's command connection when it stops answering without being closed:
 * half-open after a network fault (a NAT or firewall that lost its state, a host replaced
 * behind the same address), while new connections would work.
 *
 * <p>
 * Lettuce reconnects a connection when its socket closes, and the command timeout only
 * fails the commands, so a connection whose peer went silent would stay in use until the
 * kernel gives up on it: with TCP keepalive and {@code TCP_USER_TIMEOUT} (see
 * {@code RedisStoreClient}) after about half a minute, without them after minutes, or
 * never while nothing is sent. The store notices sooner: when a command times out, it
 * sends a {@code PING} over the same connection; when that times out too while the client
 * still counts the connection as open, the connection is taken for dead and its socket is
 * closed. Lettuce then reconnects as after any lost connection, on the same connection
 * object (so the store's commands stay bound to it), with its back-off, and announces the
 * reconnect, after which the pub/sub channel catches up ({@code InstanceChannel}).
 *
 * <p>
 * Closing the socket rather than the connection: a closed Lettuce connection stays
 * closed, and replacing Spring Data Redis's shared connection
 * ({@code LettuceConnectionFactory.resetConnection()}) would need the store to rebind its
 * commands to the new one and to open it itself, retrying while Redis is unreachable,
 * which Lettuce's own reconnect already does. Lettuce has no public method for this; the
 * socket is reached through the connection's endpoint, as Lettuce's cluster writer does.
 *
 * <p>
 * Single and Sentinel mode only: in a Redis Cluster, Lettuce writes commands without a
 * key (such as {@code PUBLISH}) through a connection it does not expose, so there the
 * socket options alone bound how long a half-open connection lasts.
 *
 * <p>
 * A Redis that is slow rather than gone (a long script) may make the {@code PING} time
 * out as well; the connection is then replaced needlessly, which costs a reconnect. One
 * check runs at a time; timeouts while it runs, or while the client reconnects anyway,
 * start none.
 */
final class UnansweredConnections {

	private static final Log logger = LogFactory.getLog(UnansweredConnections.class);

	private final Duration timeout;

	private final String target;

	private final AtomicBoolean checking = new AtomicBoolean();

	private volatile @Nullable RedisClusterAsyncCommands<byte[], byte[]> commands;

	/**
	 * Creates the watch of one store.
	 * @param timeout the command timeout, which bounds the {@code PING} too
	 * @param target the Redis deployment, named in the log
	 */
	UnansweredConnections(Duration timeout, String target) {
		this.timeout = timeout;
		this.target = target;
	}

	/**
	 * Watches the connection the store's commands run on; in a Redis Cluster, does
	 * nothing.
	 */
	void watch(RedisClusterAsyncCommands<byte[], byte[]> commands) {
		this.commands = commands;
	}

	/**
	 * Notes that a command timed out, and checks whether its connection still answers.
	 */
	void commandTimedOut() {
		if (!(this.commands instanceof RedisAsyncCommands<?, ?> single) || !this.checking.compareAndSet(false, true)) {
			return;
		}
		StatefulRedisConnection<?, ?> connection = single.getStatefulConnection();
		if (!connection.isOpen()) {
			// the client reconnects already
			this.checking.set(false);
			return;
		}
		try {
			// bounded here too, in case the client's options set no command timeout
			connection.async()
				.ping()
				.toCompletableFuture()
				.orTimeout(this.timeout.toNanos(), TimeUnit.NANOSECONDS)
				.whenComplete((pong, error) -> {
					try {
						if (silent(error) && connection.isOpen()
								&& connection instanceof RedisChannelHandler<?, ?> handler) {
							logger.warn("Redis (" + this.target + ") did not answer a PING after a command timed out; "
									+ "closing the connection's socket so that the client reconnects");
							closeSocket(handler);
						}
					}
					finally {
						this.checking.set(false);
					}
				});
		}
		catch (RuntimeException ex) {
			this.checking.set(false);
			logger.debug("Could not check whether the Redis connection answers", ex);
		}
	}

	/**
	 * Tells whether a check is under way.
	 */
	boolean isChecking() {
		return this.checking.get();
	}

	private static boolean silent(@Nullable Throwable error) {
		Throwable cause = (error instanceof CompletionException && error.getCause() != null) ? error.getCause() : error;
		return cause instanceof RedisCommandTimeoutException || cause instanceof TimeoutException;
	}

	/**
	 * Closes a connection's socket and leaves the connection open, so that Lettuce
	 * reconnects it.
	 */
	private static void closeSocket(RedisChannelHandler<?, ?> connection) {
		RedisChannelWriter writer = connection.getChannelWriter();
		while (writer instanceof Delegating<?> delegating
				&& delegating.getDelegate() instanceof RedisChannelWriter delegate) {
			writer = delegate;
		}
		if (writer instanceof DefaultEndpoint endpoint) {
			endpoint.disconnect();
		}
		else {
			logger.warn("Cannot close the socket of a Redis connection written through " + writer.getClass().getName());
		}
	}

}
