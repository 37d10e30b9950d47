package com.myunla.gateway.session.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import reactor.core.publisher.Mono;

/**
 * The baseline of the {@code delivery} scenario: plain Lettuce pub/sub between two
 * separate clients, one subscribing to a channel (instance A), the other publishing to it
 * (instance B). It is the least any cross-instance delivery over Redis pub/sub costs: no
 * existence check, no log, no ordering.
 */
final class RawPubSub implements AutoCloseable {

	private final byte[] channel;

	private final RedisClient subscriberClient;

	private final RedisClient publisherClient;

	private final StatefulRedisPubSubConnection<byte[], byte[]> subscription;

	private final StatefulRedisConnection<byte[], byte[]> publisher;

	private final RedisReactiveCommands<byte[], byte[]> commands;

	/**
	 * Connects both clients and subscribes.
	 * @param uri the Redis
	 * @param channel the channel
	 * @param consumer receives each message's payload on the subscriber's I/O thread
	 */
	RawPubSub(RedisURI uri, String channel, Consumer<byte[]> consumer) {
		this.channel = channel.getBytes(StandardCharsets.UTF_8);
		this.subscriberClient = RedisClient.create(uri);
		this.publisherClient = RedisClient.create(uri);
		this.subscription = this.subscriberClient.connectPubSub(ByteArrayCodec.INSTANCE);
		this.subscription.addListener(new RedisPubSubAdapter<>() {

			@Override
			public void message(byte[] from, byte[] message) {
				consumer.accept(message);
			}

		});
		this.subscription.sync().subscribe(this.channel);
		this.publisher = this.publisherClient.connect(ByteArrayCodec.INSTANCE);
		this.commands = this.publisher.reactive();
	}

	/**
	 * Publishes a payload.
	 * @param payload the payload
	 * @return completes once Redis acknowledged the publish
	 */
	Mono<Long> publish(byte[] payload) {
		return this.commands.publish(this.channel, payload);
	}

	@Override
	public void close() {
		this.subscription.close();
		this.publisher.close();
		this.subscriberClient.shutdown();
		this.publisherClient.shutdown();
	}

}
