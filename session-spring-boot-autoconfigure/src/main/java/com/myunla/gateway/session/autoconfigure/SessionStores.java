package com.myunla.gateway.session.autoconfigure;

import java.util.List;
import java.util.function.Consumer;

import com.myunla.gateway.session.Redaction;
import com.myunla.gateway.session.memory.MemoryStore;
import com.myunla.gateway.session.redis.RedisMode;
import com.myunla.gateway.session.redis.RedisSettingsException;
import com.myunla.gateway.session.redis.RedisStore;
import com.myunla.gateway.session.redis.RedisStoreBuilder;
import io.lettuce.core.SslOptions;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;

/**
 * Builds the auto-configuration's stores from {@link SessionProperties}: the properties
 * are mapped onto {@link MemoryStore#builder()} and {@link RedisStore#builder()}.
 */
final class SessionStores {

	private SessionStores() {
	}

	/**
	 * Creates an in-memory store.
	 * @param properties the properties; {@code session.memory.*} and the common limits
	 * apply
	 * @param observationRegistry the registry the store observes with, {@code null} for
	 * none
	 * @return the store
	 */
	static MemoryStore memory(SessionProperties properties, @Nullable ObservationRegistry observationRegistry) {
		properties.checkMessageSizeFits();
		return MemoryStore.builder()
			.ttl(properties.getMemory().getTtl())
			.retention(properties.getRetention())
			.retentionBytes(properties.getRetentionBytes().toBytes())
			.bufferSize(properties.getBufferSize())
			.bufferBytes(properties.getBufferBytes().toBytes())
			.maxMessageSize((int) properties.getMaxMessageSize().toBytes())
			.observationRegistry(observationRegistry)
			.build();
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
		boolean fromProperties = connection instanceof PropertiesSessionRedisConnectionDetails;
		String source = fromProperties ? "session.redis settings"
				: "session Redis connection details (" + connection + ")";
		List<String> properties = (fromProperties && ex instanceof RedisSettingsException settings)
				? settings.getSettings().stream().map(SessionStores::property).toList() : List.of();
		return new InvalidSessionRedisSettingsException("Invalid " + source + ": " + ex.getMessage(), source,
				properties, ex);
	}

	/**
	 * Names the property that sets a setting of {@link RedisStoreBuilder}.
	 */
	private static String property(String setting) {
		return switch (setting) {
			case "addresses" -> "session.redis.addr";
			case "mode" -> "session.redis.cluster-type";
			case "database" -> "session.redis.db";
			case "masterName" -> "session.redis.master-name";
			case "sentinelUsername" -> "session.redis.sentinel-username";
			case "sentinelPassword" -> "session.redis.sentinel-password";
			default -> "session.redis." + setting;
		};
	}

}
