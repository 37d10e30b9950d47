package com.myunla.gateway.session.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.StoreClosedException;
import io.lettuce.core.resource.ClientResources;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.Assert;

/**
 * The run state of a {@link RedisStore} and its changes: starting (connecting,
 * subscribing, in a Redis Cluster to the shard channels too, starting the periodic
 * tasks), the check that guards every operation, stopping the live streams before a
 * shutdown, and closing (letting sends in flight finish, releasing the open streams and
 * the connections).
 */
final class StoreRunState {

	private static final Log logger = LogFactory.getLog(StoreRunState.class);

	private final LettuceConnectionFactory connectionFactory;

	private final RedisStoreSettings settings;

	private final RedisCalls redis;

	private final InstanceChannel channel;

	private final ShardChannels shardChannels;

	private final Housekeeping housekeeping;

	private final LocalStreams streams;

	private final SessionScripts scripts;

	private final PendingSends pendingSends;

	private final @Nullable AutoCloseable ownedResources;

	private final AccessCheck access;

	private final Runnable recheckConditions;

	private final StoreTimers timers = new StoreTimers();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final Object monitor = new Object();

	private volatile boolean started;

	private volatile boolean streamsStopped;

	private volatile @Nullable RedisConnection connection;

	StoreRunState(LettuceConnectionFactory connectionFactory, RedisStoreSettings settings, RedisCalls redis,
			InstanceChannel channel, ShardChannels shardChannels, Housekeeping housekeeping, LocalStreams streams,
			SessionScripts scripts, PendingSends pendingSends, @Nullable AutoCloseable ownedResources,
			AccessCheck access, Runnable recheckConditions) {
		this.connectionFactory = connectionFactory;
		this.settings = settings;
		this.redis = redis;
		this.channel = channel;
		this.shardChannels = shardChannels;
		this.housekeeping = housekeeping;
		this.streams = streams;
		this.scripts = scripts;
		this.pendingSends = pendingSends;
		this.ownedResources = ownedResources;
		this.access = access;
		this.recheckConditions = recheckConditions;
	}

	/**
	 * Starts the store, see {@link RedisStore#start()}.
	 */
	void start() {
		synchronized (this.monitor) {
			if (this.started && !this.closed.get()) {
				return;
			}
			Assert.state(!this.closed.get(), "The session store is closed");
			try {
				RedisConnection connection = StartupConnection.open(this.connectionFactory, this.settings);
				this.connection = connection;
				this.redis.connect(StartupConnection.nativeCommands(connection));
				// before subscribing: a subscription refused for want of permission
				// would only time out
				verifyAccess();
				startTasks();
				this.started = true;
			}
			catch (RuntimeException ex) {
				close();
				throw ex;
			}
		}
	}

	/**
	 * Runs the access check, the store's first script: a server that runs no Lua scripts
	 * fails it.
	 */
	private void verifyAccess() {
		try {
			this.access.verify();
		}
		catch (RuntimeException ex) {
			throw StartupConnection.scriptingRefused(this.settings.target(), ex);
		}
	}

	private void startTasks() {
		Duration wait = this.settings.commandTimeout().plus(this.settings.probeInterval());
		this.channel.subscribe(wait);
		boolean sharded = this.shardChannels.subscribe(wait);
		if (sharded) {
			this.timers.every(this.settings.probeInterval(), this.shardChannels::probe);
		}
		Duration ttl = this.settings.ttl();
		this.timers.every(this.settings.probeInterval(), this.channel::probe);
		this.timers.every(this.settings.probeInterval(), this.recheckConditions);
		this.timers.every(StoreTimers.clamp(ttl.dividedBy(3), Duration.ofMillis(100), Duration.ofSeconds(30)),
				this.housekeeping::touchStreams);
		this.timers.every(StoreTimers.clamp(ttl.dividedBy(2), Duration.ofSeconds(1), Duration.ofMinutes(1)),
				this.housekeeping::sweepIndex);
		ClientResources resources = this.connectionFactory.getClientResources();
		if (resources != null) {
			this.channel.watchReconnects(resources, this.timers, !sharded);
			if (sharded) {
				this.shardChannels.watchTopology(resources, this.timers);
			}
		}
	}

	boolean isRunning() {
		return this.started && !this.closed.get();
	}

	boolean isClosed() {
		return this.closed.get();
	}

	/**
	 * Returns an operation that runs when subscribed, if the store runs then.
	 * @param operation the operation
	 * @return the operation, or {@link StoreClosedException} if the store is closed, or
	 * {@link IllegalStateException} if it is not started yet
	 */
	<T> Mono<T> whenRunning(Supplier<Mono<T>> operation) {
		return Mono.defer(() -> {
			ensureRunning();
			return operation.get();
		});
	}

	/**
	 * Returns a live stream that opens when subscribed, if the store runs then; empty
	 * once the streams are {@linkplain #stopStreams() stopped}.
	 * @param open opens the stream
	 * @return the stream
	 */
	Flux<Delivery> streamWhenRunning(Supplier<Flux<Delivery>> open) {
		return Flux.defer(() -> {
			ensureRunning();
			if (this.streamsStopped) {
				// the instance is shutting down: the client reconnects elsewhere and
				// resumes there
				return Flux.empty();
			}
			return open.get();
		});
	}

	/**
	 * Returns whether the store closed or stopped its streams, so that a stream opening
	 * now must end at once.
	 * @return whether live streams end
	 */
	boolean streamsEnded() {
		return this.closed.get() || this.streamsStopped;
	}

	/**
	 * Stops the live streams, see {@link RedisStore#stopStreams()}.
	 */
	void stopStreams() {
		this.streamsStopped = true;
		this.streams.all().forEach(LiveStream::complete);
	}

	/**
	 * Closes the store, see {@link RedisStore#close()}.
	 */
	void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.pendingSends.await();
		this.timers.stop();
		this.channel.unsubscribe();
		this.shardChannels.close();
		List<LiveStream> open = this.streams.clear();
		open.forEach(LiveStream::complete);
		try {
			Flux.fromIterable(open).flatMap(this.scripts::release).then().block(this.settings.commandTimeout());
		}
		catch (RuntimeException ex) {
			logger.debug("Could not release the open streams on close; their ownership lapses", ex);
		}
		RedisConnection connection = this.connection;
		if (connection != null) {
			connection.close();
		}
		closeOwnedResources();
	}

	private void closeOwnedResources() {
		if (this.ownedResources != null) {
			try {
				this.ownedResources.close();
			}
			catch (Exception ex) {
				logger.warn("Could not close the Redis resources of the session store", ex);
			}
		}
	}

	private void ensureRunning() {
		if (this.closed.get()) {
			throw new StoreClosedException("The session store is closed");
		}
		if (!this.started) {
			throw new IllegalStateException("The session store is not started yet");
		}
	}

}
