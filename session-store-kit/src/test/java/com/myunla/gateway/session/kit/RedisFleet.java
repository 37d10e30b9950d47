package com.myunla.gateway.session.kit;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.autoconfigure.SessionProperties;
import com.myunla.gateway.session.autoconfigure.SessionStores;
import org.springframework.util.unit.DataSize;

/**
 * Builds the Redis stores of one test: instances of a gateway fleet, each with its own Redis client, sharing a
 * key prefix and topic of their own so that tests never see each other's sessions.
 */
final class RedisFleet {

	private final Consumer<SessionProperties> server;

	private final String prefix = "kit" + ThreadLocalRandom.current().nextInt(1_000_000_000);

	private int instances;

	RedisFleet(Consumer<SessionProperties> server) {
		this.server = server;
	}

	/**
	 * Starts another instance of the fleet with the given settings.
	 */
	Store start(StoreSettings settings) {
		SessionProperties properties = new SessionProperties();
		properties.setType(SessionProperties.StoreType.REDIS);
		properties.setRetention(settings.retention());
		properties.setBufferSize(settings.bufferSize());
		properties.setMaxMessageSize(DataSize.ofBytes(settings.maxMessageSize()));
		SessionProperties.Redis redis = properties.getRedis();
		redis.setTtl(settings.ttl());
		redis.setPrefix(this.prefix);
		redis.setTopic(this.prefix + "_updates");
		redis.setInstanceId(this.prefix + "-" + (++this.instances));
		redis.setProbeInterval(Duration.ofMillis(500));
		redis.setCommandTimeout(Duration.ofSeconds(5));
		this.server.accept(properties);
		return SessionStores.redis(properties);
	}

}
