package com.myunla.gateway.session.autoconfigure;

import java.util.function.Consumer;

import com.myunla.gateway.session.Redaction;
import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.memory.MemoryStore;
import com.myunla.gateway.session.redis.RedisMode;
import com.myunla.gateway.session.redis.RedisStore;
import com.myunla.gateway.session.redis.RedisStoreBuilder;
import io.lettuce.core.SslOptions;

import org.springframework.boot.ssl.SslBundle;

/**
 * Builds stores from {@link SessionProperties} without a Spring context, the way the
 * auto-configuration builds its beans: the properties are mapped onto
 * {@link MemoryStore#builder()} and {@link RedisStore#builder()}, which can also be used
 * directly.
 */
public final class SessionStores {

	private SessionStores() {
	}

	/**
	 * Creates the store that {@code session.type} names.
	 * @param properties the properties
	 * @return the store; a Redis store is started and owns its Redis client
	 */
	public static Store create(SessionProperties properties) {
		return switch (properties.getType()) {
			case MEMORY -> memory(properties);
			case REDIS -> redis(properties);
		};
	}

	/**
	 * Creates an in-memory store.
	 * @param properties the properties; {@code session.memory.*} and the common limits
	 * apply
	 * @return the store
	 */
	public static MemoryStore memory(SessionProperties properties) {
		properties.checkMessageSizeFits();
		return MemoryStore.builder()
			.ttl(properties.getMemory().getTtl())
			.retention(properties.getRetention())
			.retentionBytes(properties.getRetentionBytes().toBytes())
			.bufferSize(properties.getBufferSize())
			.bufferBytes(properties.getBufferBytes().toBytes())
			.maxMessageSize((int) properties.getMaxMessageSize().toBytes())
			.build();
	}

	/**
	 * Creates a Redis store with its own Redis client, closed with the store. Blocks
	 * until Redis answers and the store's pub/sub channel works.
	 * @param properties the properties; {@code session.redis.*} and the common limits
	 * apply, TLS without an SSL bundle (the JVM's default trust store)
	 * @return the started store
	 * @throws IllegalStateException if Redis cannot be reached or refuses the
	 * credentials, or the properties are inconsistent, with a message naming the mode and
	 * addresses or the settings at fault
	 */
	public static RedisStore redis(SessionProperties properties) {
		return redis(properties, new PropertiesSessionRedisConnectionDetails(properties.getRedis(), null),
				(builder) -> {
				});
	}

	/**
	 * Maps the properties and connection details onto a builder, lets the customizations
	 * have the last word, and builds the store.
	 */
	static RedisStore redis(SessionProperties properties, SessionRedisConnectionDetails connection,
			Consumer<RedisStoreBuilder> customizations) {
		properties.checkMessageSizeFits();
		RedisStoreBuilder builder;
		try {
			builder = redisBuilder(properties, connection);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(connection, ex);
		}
		customizations.accept(builder);
		try {
			return builder.build();
		}
		catch (IllegalArgumentException ex) {
			throw invalid(connection, ex);
		}
	}

	private static RedisStoreBuilder redisBuilder(SessionProperties properties,
			SessionRedisConnectionDetails connection) {
		SessionRedisProperties redis = properties.getRedis();
		RedisStoreBuilder builder = RedisStore.builder()
			.addresses(connection.getAddresses())
			.mode(connection.getMode())
			.username(connection.getUsername())
			.password(connection.getPassword())
			.database(connection.getDatabase());
		if (connection.getMode() == RedisMode.SENTINEL) {
			builder.masterName(connection.getMasterName())
				.sentinelUsername(connection.getSentinelUsername())
				.sentinelPassword(connection.getSentinelPassword());
		}
		SslBundle sslBundle = connection.getSslBundle();
		if (sslBundle != null) {
			builder.ssl(sslOptions(sslBundle));
		}
		return builder.connectTimeout(redis.getConnectTimeout())
			.commandTimeout(redis.getCommandTimeout())
			.probeInterval(redis.getProbeInterval())
			.streamOutageTimeout(redis.getStreamOutageTimeout())
			.prefix(redis.getPrefix())
			.topic(redis.getTopic())
			.instanceId(redis.getInstanceId())
			.ttl(redis.getTtl())
			.retention(properties.getRetention())
			.retentionBytes(properties.getRetentionBytes().toBytes())
			.bufferSize(properties.getBufferSize())
			.bufferBytes(properties.getBufferBytes().toBytes())
			.maxMessageSize(properties.getMaxMessageSize().toBytes())
			.storedRedaction(properties.getRedaction().isStoreInClear() ? Redaction.none() : redaction(properties));
	}

	/**
	 * Returns the redaction that {@code session.redaction.*} configures.
	 * @param properties the properties
	 * @return the redaction
	 */
	static Redaction redaction(SessionProperties properties) {
		SessionRedactionProperties redaction = properties.getRedaction();
		return Redaction.of(redaction.getHeaders(), redaction.getQueries(), redaction.getCookies());
	}

	/**
	 * Returns Lettuce's TLS options for an SSL bundle: its key and trust managers, and
	 * its cipher suites and protocols where the bundle restricts them.
	 */
	static SslOptions sslOptions(SslBundle bundle) {
		SslOptions.Builder options = SslOptions.builder()
			.keyManager(bundle.getManagers().getKeyManagerFactory())
			.trustManager(bundle.getManagers().getTrustManagerFactory());
		String[] ciphers = bundle.getOptions().getCiphers();
		if (ciphers != null) {
			options.cipherSuites(ciphers);
		}
		String[] protocols = bundle.getOptions().getEnabledProtocols();
		if (protocols != null) {
			options.protocols(protocols);
		}
		return options.build();
	}

	private static IllegalStateException invalid(SessionRedisConnectionDetails connection,
			IllegalArgumentException ex) {
		String source = (connection instanceof PropertiesSessionRedisConnectionDetails) ? "session.redis settings"
				: "session Redis connection details (" + connection + ")";
		return new IllegalStateException("Invalid " + source + ": " + ex.getMessage(), ex);
	}

}
