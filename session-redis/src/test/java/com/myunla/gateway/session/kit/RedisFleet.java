package com.myunla.gateway.session.kit;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.redis.RedisStore;
import com.myunla.gateway.session.redis.RedisStoreBuilder;

/**
 * Builds the Redis stores of one test: instances of a gateway fleet, each with its own
 * Redis client, sharing a key prefix and topic of their own so that tests never see each
 * other's sessions.
 */
final class RedisFleet {

	private final UnaryOperator<RedisStoreBuilder> server;

	private final String prefix = "kit" + ThreadLocalRandom.current().nextInt(1_000_000_000);

	private int instances;

	RedisFleet(UnaryOperator<RedisStoreBuilder> server) {
		this.server = server;
	}

	/**
	 * Starts another instance of the fleet with the given settings.
	 */
	Store start(StoreSettings settings) {
		return this.server.apply(RedisStore.builder())
			.retention(settings.retention())
			.retentionBytes(settings.retentionBytes())
			.bufferSize(settings.bufferSize())
			.bufferBytes(settings.bufferBytes())
			.maxMessageSize(settings.maxMessageSize())
			.ttl(settings.ttl())
			.prefix(this.prefix)
			.topic(this.prefix + "_updates")
			.instanceId(this.prefix + "-" + (++this.instances))
			.probeInterval(Duration.ofMillis(500))
			.commandTimeout(Duration.ofSeconds(5))
			.build();
	}

}
