package com.myunla.gateway.session.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import io.lettuce.core.SslOptions;
import io.lettuce.core.resource.ClientResources;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration.LettuceClientConfigurationBuilder;

/**
 * The connection settings a {@link RedisStoreBuilder} collects, which
 * {@link RedisStoreClient} builds the client from, and their checks. The builder's
 * setters check each value; {@link #check()} checks that they fit the mode.
 */
final class ClientSettings {

	List<HostAndPort> addresses = List.of(new HostAndPort("localhost", 6379));

	RedisMode mode = RedisMode.SINGLE;

	@Nullable String masterName;

	@Nullable String username;

	@Nullable String password;

	@Nullable String sentinelUsername;

	@Nullable String sentinelPassword;

	int database;

	boolean ssl;

	@Nullable SslOptions sslOptions;

	boolean verifyPeer = true;

	Duration connectTimeout = Duration.ofSeconds(5);

	Duration commandTimeout = Duration.ofSeconds(5);

	final List<Consumer<ClientResources.Builder>> resourcesCustomizers = new ArrayList<>();

	final List<Consumer<LettuceClientConfigurationBuilder>> clientCustomizers = new ArrayList<>();

	/**
	 * Checks that the connection settings fit the mode.
	 * @throws RedisSettingsException if they do not
	 */
	void check() {
		switch (this.mode) {
			case SINGLE -> {
				if (this.addresses.size() != 1) {
					throw new RedisSettingsException("Single mode takes one Redis address, was " + this.addresses
							+ " (use cluster or sentinel mode for several)", List.of("addresses", "mode"));
				}
			}
			case CLUSTER -> {
				if (this.database != 0) {
					throw new RedisSettingsException("Redis Cluster has database 0 only, was " + this.database,
							List.of("database", "mode"));
				}
			}
			case SENTINEL -> {
				if (this.masterName == null) {
					throw new RedisSettingsException("Sentinel mode needs the master name", List.of("masterName"));
				}
			}
		}
		if (this.mode != RedisMode.SENTINEL && this.masterName != null) {
			throw new RedisSettingsException("A master name is for sentinel mode only, the mode is " + modeName(),
					List.of("masterName", "mode"));
		}
		boolean sentinelCredentials = this.sentinelUsername != null || this.sentinelPassword != null;
		if (this.mode != RedisMode.SENTINEL && sentinelCredentials) {
			throw new RedisSettingsException(
					"Sentinel credentials are for sentinel mode only, the mode is " + modeName(),
					List.of("sentinelUsername", "sentinelPassword", "mode"));
		}
	}

	/**
	 * Describes the Redis deployment for messages, without credentials.
	 * @return for example {@code "single mode, localhost:6379, db 0"}
	 */
	String describe() {
		String list = String.join(",", this.addresses.stream().map(HostAndPort::toString).toList());
		String tls = this.ssl ? ", TLS" : "";
		return switch (this.mode) {
			case SINGLE -> "single mode, " + list + ", db " + this.database + tls;
			case CLUSTER -> "cluster mode, seed nodes " + list + tls;
			case SENTINEL -> "sentinel mode, sentinels " + list + ", master '" + this.masterName + "'" + tls;
		};
	}

	private String modeName() {
		return this.mode.name().toLowerCase(Locale.ROOT);
	}

}
