package com.myunla.gateway.session.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import com.myunla.gateway.session.autoconfigure.SessionProperties.ClusterType;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisPassword;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * The session store's own Redis client: a Lettuce connection factory built from {@code session.redis.*},
 * separate from any connection factory the application has, with the client resources behind it.
 *
 * <p>It is deliberately not a {@code RedisConnectionFactory} bean, so that Spring Boot's Redis
 * auto-configuration and the application's own templates keep using the application's Redis. Closing it
 * shuts the connections and the client resources down.
 */
public final class SessionRedisClient implements AutoCloseable {

	private final LettuceConnectionFactory connectionFactory;

	private final ClientResources clientResources;

	private final String target;

	private SessionRedisClient(LettuceConnectionFactory connectionFactory, ClientResources clientResources,
			String target) {
		this.connectionFactory = connectionFactory;
		this.clientResources = clientResources;
		this.target = target;
	}

	/**
	 * Creates and starts the client described by the properties. Nothing is connected yet: the first
	 * command connects.
	 * @param properties the Redis properties
	 * @param sslBundles the SSL bundles, needed when {@code session.redis.ssl.bundle} is set
	 * @return the started client
	 * @throws IllegalStateException if the properties are inconsistent, naming the property at fault
	 */
	public static SessionRedisClient create(SessionProperties.Redis properties, @Nullable SslBundles sslBundles) {
		List<HostAndPort> nodes = parseAddresses(properties.getAddr());
		RedisConfiguration configuration = configuration(properties, nodes);
		// Reconnect quickly after an outage or failover: Lettuce's default back-off grows to 30 s between attempts.
		ClientResources resources = DefaultClientResources.builder()
			.reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
			.build();
		try {
			LettuceConnectionFactory factory = new LettuceConnectionFactory(configuration,
					clientConfiguration(properties, resources, sslBundles));
			factory.afterPropertiesSet();
			factory.start();
			return new SessionRedisClient(factory, resources, describe(properties, nodes));
		}
		catch (RuntimeException ex) {
			resources.shutdown();
			throw ex;
		}
	}

	/**
	 * Returns the connection factory.
	 * @return the started connection factory
	 */
	public LettuceConnectionFactory getConnectionFactory() {
		return this.connectionFactory;
	}

	/**
	 * Returns a description of the Redis deployment for messages, such as {@code "single mode, localhost:6379"}.
	 * @return the description; never holds credentials
	 */
	public String getTarget() {
		return this.target;
	}

	/**
	 * Closes the connections and shuts the client resources down.
	 */
	@Override
	public void close() {
		try {
			this.connectionFactory.destroy();
		}
		finally {
			this.clientResources.shutdown(0, 2, TimeUnit.SECONDS);
		}
	}

	private static RedisConfiguration configuration(SessionProperties.Redis properties, List<HostAndPort> nodes) {
		ClusterType type = properties.getClusterType();
		return switch (type) {
			case SINGLE -> {
				Assert.state(nodes.size() == 1, () -> "session.redis.addr must name one host:port in single mode, was '"
						+ properties.getAddr() + "' (set session.redis.cluster-type for cluster or sentinel)");
				RedisStandaloneConfiguration standalone = new RedisStandaloneConfiguration(nodes.get(0).host(),
						nodes.get(0).port());
				standalone.setDatabase(properties.getDb());
				standalone.setUsername(emptyToNull(properties.getUsername()));
				standalone.setPassword(RedisPassword.of(emptyToNull(properties.getPassword())));
				yield standalone;
			}
			case CLUSTER -> {
				Assert.state(properties.getDb() == 0, () -> "session.redis.db must be 0 in cluster mode (Redis Cluster "
						+ "has database 0 only), was " + properties.getDb());
				RedisClusterConfiguration cluster = new RedisClusterConfiguration(
						nodes.stream().map(HostAndPort::toString).toList());
				cluster.setUsername(emptyToNull(properties.getUsername()));
				cluster.setPassword(RedisPassword.of(emptyToNull(properties.getPassword())));
				yield cluster;
			}
			case SENTINEL -> {
				Assert.state(StringUtils.hasText(properties.getMasterName()),
						"session.redis.master-name must be set in sentinel mode");
				RedisSentinelConfiguration sentinel = new RedisSentinelConfiguration(properties.getMasterName(),
						new LinkedHashSet<>(nodes.stream().map(HostAndPort::toString).toList()));
				sentinel.setDatabase(properties.getDb());
				sentinel.setUsername(emptyToNull(properties.getUsername()));
				sentinel.setPassword(RedisPassword.of(emptyToNull(properties.getPassword())));
				sentinel.setSentinelUsername(emptyToNull(properties.getSentinelUsername()));
				sentinel.setSentinelPassword(RedisPassword.of(emptyToNull(properties.getSentinelPassword())));
				yield sentinel;
			}
		};
	}

	private static LettuceClientConfiguration clientConfiguration(SessionProperties.Redis properties,
			ClientResources resources, @Nullable SslBundles sslBundles) {
		Duration commandTimeout = properties.getCommandTimeout();
		ClientOptions.Builder options;
		if (properties.getClusterType() == ClusterType.CLUSTER) {
			// Follow failovers and resharding: refresh the slot map when a node moves a slot or goes away.
			options = ClusterClientOptions.builder()
				.topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
					.enableAllAdaptiveRefreshTriggers()
					.enablePeriodicRefresh(Duration.ofSeconds(30))
					.build());
		}
		else {
			options = ClientOptions.builder();
		}
		options.socketOptions(SocketOptions.builder().connectTimeout(properties.getConnectTimeout()).keepAlive(true).build())
			.timeoutOptions(TimeoutOptions.enabled(commandTimeout));
		LettuceClientConfiguration.LettuceClientConfigurationBuilder builder = LettuceClientConfiguration.builder()
			.clientResources(resources)
			.commandTimeout(commandTimeout)
			.clientName("session-store");
		SessionProperties.Ssl ssl = properties.getSsl();
		if (ssl.isEnabled()) {
			builder.useSsl();
			String bundleName = ssl.getBundle();
			if (bundleName != null) {
				Assert.state(sslBundles != null,
						() -> "session.redis.ssl.bundle is set to '" + bundleName + "' but no SSL bundles are available");
				SslBundle bundle = sslBundles.getBundle(bundleName);
				options.sslOptions(SslOptions.builder()
					.keyManager(bundle.getManagers().getKeyManagerFactory())
					.trustManager(bundle.getManagers().getTrustManagerFactory())
					.build());
			}
		}
		return builder.clientOptions(options.build()).build();
	}

	static List<HostAndPort> parseAddresses(String addr) {
		List<HostAndPort> nodes = new ArrayList<>();
		for (String part : addr.split("[,;]")) {
			String node = part.trim();
			if (node.isEmpty()) {
				continue;
			}
			int colon = node.lastIndexOf(':');
			Assert.state(colon > 0 && colon < node.length() - 1,
					() -> "session.redis.addr entry '" + node + "' is not host:port");
			String host = node.substring(0, colon);
			if (host.startsWith("[") && host.endsWith("]")) {
				host = host.substring(1, host.length() - 1);
			}
			int port;
			try {
				port = Integer.parseInt(node.substring(colon + 1));
			}
			catch (NumberFormatException ex) {
				throw new IllegalStateException("session.redis.addr entry '" + node + "' has no valid port");
			}
			Assert.state(port > 0 && port < 65536, () -> "session.redis.addr entry '" + node + "' has no valid port");
			nodes.add(new HostAndPort(host, port));
		}
		Assert.state(!nodes.isEmpty(), "session.redis.addr must name at least one host:port");
		return nodes;
	}

	private static String describe(SessionProperties.Redis properties, List<HostAndPort> nodes) {
		String mode = properties.getClusterType().name().toLowerCase(Locale.ROOT);
		String addresses = String.join(",", nodes.stream().map(HostAndPort::toString).toList());
		return switch (properties.getClusterType()) {
			case SINGLE -> mode + " mode, " + addresses + ", db " + properties.getDb();
			case CLUSTER -> mode + " mode, seed nodes " + addresses;
			case SENTINEL -> mode + " mode, sentinels " + addresses + ", master '" + properties.getMasterName() + "'";
		};
	}

	private static @Nullable String emptyToNull(String value) {
		return value.isEmpty() ? null : value;
	}

	record HostAndPort(String host, int port) {

		@Override
		public String toString() {
			return (this.host.indexOf(':') >= 0 ? "[" + this.host + "]" : this.host) + ":" + this.port;
		}

	}

}
