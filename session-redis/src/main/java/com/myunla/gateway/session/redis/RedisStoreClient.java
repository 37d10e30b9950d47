package com.myunla.gateway.session.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.EpollProvider;
import io.lettuce.core.resource.ExtendedKeepAliveSupport;
import io.lettuce.core.resource.IOUringProvider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisNode;
import org.springframework.data.redis.connection.RedisPassword;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration.LettuceClientConfigurationBuilder;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The Redis client a {@link RedisStoreBuilder} builds for its store: a Lettuce connection
 * factory of its own, the client resources behind it and the pub/sub listener container,
 * closed together.
 */
final class RedisStoreClient implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(RedisStoreClient.class);

	/** Idle time of a connection before the kernel sends the first keepalive probe. */
	static final Duration KEEPALIVE_IDLE = Duration.ofSeconds(15);

	/** Time between keepalive probes. */
	static final Duration KEEPALIVE_INTERVAL = Duration.ofSeconds(5);

	/** Unanswered keepalive probes after which the kernel closes the connection. */
	static final int KEEPALIVE_COUNT = 3;

	/**
	 * Time sent data may stay unacknowledged before the kernel closes the connection: the
	 * keepalive's idle time plus its probes.
	 */
	static final Duration TCP_USER_TIMEOUT = KEEPALIVE_IDLE.plus(KEEPALIVE_INTERVAL.multipliedBy(KEEPALIVE_COUNT));

	private final LettuceConnectionFactory connectionFactory;

	private final ClientResources clientResources;

	private final RedisMessageListenerContainer listenerContainer;

	private RedisStoreClient(LettuceConnectionFactory connectionFactory, ClientResources clientResources,
			RedisMessageListenerContainer listenerContainer) {
		this.connectionFactory = connectionFactory;
		this.clientResources = clientResources;
		this.listenerContainer = listenerContainer;
	}

	/**
	 * Creates and starts the client for the builder's settings. Nothing is connected yet:
	 * the first command connects.
	 * @param settings the checked connection settings
	 * @return the started client
	 */
	static RedisStoreClient start(ClientSettings settings) {
		ClientResources.Builder resourcesBuilder = DefaultClientResources.builder()
			// Reconnect quickly after an outage or failover: Lettuce's default back-off
			// grows to 30 s.
			.reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS));
		settings.resourcesCustomizers.forEach((customizer) -> customizer.accept(resourcesBuilder));
		ClientResources resources = resourcesBuilder.build();
		LettuceConnectionFactory factory = null;
		try {
			factory = new LettuceConnectionFactory(configuration(settings), clientConfiguration(settings, resources));
			factory.afterPropertiesSet();
			factory.start();
			RedisMessageListenerContainer container = listenerContainer(factory);
			container.afterPropertiesSet();
			return new RedisStoreClient(factory, resources, container);
		}
		catch (RuntimeException ex) {
			if (factory != null) {
				factory.destroy();
			}
			resources.shutdown(0, 2, TimeUnit.SECONDS);
			throw ex;
		}
	}

	LettuceConnectionFactory connectionFactory() {
		return this.connectionFactory;
	}

	RedisMessageListenerContainer listenerContainer() {
		return this.listenerContainer;
	}

	/**
	 * Stops the listener container, closes the connections and shuts the client resources
	 * down.
	 */
	@Override
	public void close() {
		try {
			this.listenerContainer.destroy();
		}
		catch (Exception ex) {
			logger.debug("Could not stop the session store's listener container", ex);
		}
		finally {
			try {
				this.connectionFactory.destroy();
			}
			finally {
				this.clientResources.shutdown(0, 2, TimeUnit.SECONDS);
			}
		}
	}

	private static RedisConfiguration configuration(ClientSettings settings) {
		List<HostAndPort> addresses = settings.addresses;
		return switch (settings.mode) {
			case SINGLE -> {
				RedisStandaloneConfiguration standalone = new RedisStandaloneConfiguration(addresses.get(0).host(),
						addresses.get(0).port());
				standalone.setDatabase(settings.database);
				standalone.setUsername(settings.username);
				standalone.setPassword(RedisPassword.of(settings.password));
				yield standalone;
			}
			case CLUSTER -> {
				RedisClusterConfiguration cluster = new RedisClusterConfiguration();
				addresses.forEach((address) -> cluster.addClusterNode(node(address)));
				cluster.setUsername(settings.username);
				cluster.setPassword(RedisPassword.of(settings.password));
				yield cluster;
			}
			case SENTINEL -> {
				RedisSentinelConfiguration sentinel = new RedisSentinelConfiguration();
				sentinel.master(settings.masterName);
				addresses.forEach((address) -> sentinel.addSentinel(node(address)));
				sentinel.setDatabase(settings.database);
				sentinel.setUsername(settings.username);
				sentinel.setPassword(RedisPassword.of(settings.password));
				sentinel.setSentinelUsername(settings.sentinelUsername);
				sentinel.setSentinelPassword(RedisPassword.of(settings.sentinelPassword));
				yield sentinel;
			}
		};
	}

	private static RedisNode node(HostAndPort address) {
		return new RedisNode(address.host(), address.port());
	}

	private static LettuceClientConfiguration clientConfiguration(ClientSettings settings, ClientResources resources) {
		ClientOptions.Builder options;
		if (settings.mode == RedisMode.CLUSTER) {
			// Follow failovers and resharding: refresh the slot map when a node moves a
			// slot or goes away.
			options = ClusterClientOptions.builder()
				.topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
					.enableAllAdaptiveRefreshTriggers()
					// Lettuce refreshes on a trigger at most once per this timeout (5 s
					// by default). The first trigger of a failover (reconnects to the
					// killed master) comes before a replica is promoted, so the refresh
					// that finds the new master waits for this timeout: while it does,
					// the store's reads and streams of the failed slots stall.
					.adaptiveRefreshTriggersTimeout(Duration.ofSeconds(1))
					.enablePeriodicRefresh(Duration.ofSeconds(30))
					.build());
		}
		else {
			options = ClientOptions.builder();
		}
		options.socketOptions(socketOptions(settings.connectTimeout))
			.timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout));
		SslOptions sslOptions = settings.sslOptions;
		if (sslOptions != null) {
			options.sslOptions(sslOptions);
		}
		LettuceClientConfigurationBuilder configuration = LettuceClientConfiguration.builder()
			.clientResources(resources)
			.commandTimeout(settings.commandTimeout)
			.clientName("session-store");
		if (settings.ssl) {
			configuration.useSsl().verifyPeer(settings.verifyPeer ? SslVerifyMode.FULL : SslVerifyMode.NONE);
		}
		configuration.clientOptions(options.build());
		for (Consumer<LettuceClientConfigurationBuilder> customizer : settings.clientCustomizers) {
			customizer.accept(configuration);
		}
		return configuration.build();
	}

	/**
	 * Returns the socket options: besides the connect timeout, TCP keepalive and, where
	 * the transport supports it, {@code TCP_USER_TIMEOUT}, so that the kernel closes a
	 * connection whose peer went silent (half-open after a network fault) within about
	 * half a minute rather than the system's defaults (keepalive after two hours, and
	 * retransmissions for about 15 minutes). Keepalive notices an idle connection (the
	 * pub/sub subscription is idle between messages); {@code TCP_USER_TIMEOUT} one whose
	 * sent data stays unacknowledged. Lettuce refuses either option on a transport that
	 * cannot apply it, so each is set only where it applies: keepalive's timing on Linux
	 * (epoll, io_uring or NIO) and NIO elsewhere except macOS, the user timeout with the
	 * epoll or io_uring transport only. The store also replaces a connection that stops
	 * answering by itself ({@code UnansweredConnections}).
	 */
	static SocketOptions socketOptions(Duration connectTimeout) {
		SocketOptions.Builder socket = SocketOptions.builder().connectTimeout(connectTimeout);
		if (ExtendedKeepAliveSupport.isSupported()) {
			socket.keepAlive(SocketOptions.KeepAliveOptions.builder()
				.enable()
				.idle(KEEPALIVE_IDLE)
				.interval(KEEPALIVE_INTERVAL)
				.count(KEEPALIVE_COUNT)
				.build());
		}
		else {
			socket.keepAlive(true);
		}
		if (EpollProvider.isAvailable() || IOUringProvider.isAvailable()) {
			socket.tcpUserTimeout(
					SocketOptions.TcpUserTimeoutOptions.builder().enable().tcpUserTimeout(TCP_USER_TIMEOUT).build());
		}
		return socket.build();
	}

	private static RedisMessageListenerContainer listenerContainer(LettuceConnectionFactory connectionFactory) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(connectionFactory);
		// Dispatch on the subscription's own thread: frames must reach the store in the
		// order Redis sent them, and the store's listener never blocks.
		container.setTaskExecutor(new SyncTaskExecutor());
		ExponentialBackOff backOff = new ExponentialBackOff(100, 2);
		backOff.setMaxInterval(Duration.ofSeconds(5).toMillis());
		container.setRecoveryBackoff(backOff);
		return container;
	}

}
