package com.myunla.gateway.session.benchmarks;

import java.io.PrintStream;
import java.util.function.Consumer;

import com.myunla.gateway.session.redis.RedisStore;
import com.myunla.gateway.session.redis.RedisStoreBuilder;
import io.lettuce.core.RedisURI;

/**
 * What every scenario gets: the mode, the Redis to use, its housekeeping connection and a
 * console for progress.
 *
 * @param mode the mode
 * @param host the Redis host
 * @param port the Redis port
 * @param admin the housekeeping connection
 * @param out where progress goes
 */
record BenchContext(RunMode mode, String host, int port, RedisAdmin admin, PrintStream out) {

	RedisURI redisUri() {
		return RedisURI.create(this.host, this.port);
	}

	/**
	 * Builds a Redis store on the benchmark's Redis with {@link RedisStore#builder()}'s
	 * defaults apart from the instance id.
	 * @param instanceId the instance id
	 * @return the started store; the caller closes it
	 */
	RedisStore redisStore(String instanceId) {
		return redisStore(instanceId, (redis) -> {
		});
	}

	/**
	 * Builds a Redis store on the benchmark's Redis with default settings apart from the
	 * instance id and what the customizer sets.
	 * @param instanceId the instance id
	 * @param customizer changes the builder's settings, for example the ttl or the
	 * addresses of another Redis
	 * @return the started store; the caller closes it
	 */
	RedisStore redisStore(String instanceId, Consumer<RedisStoreBuilder> customizer) {
		RedisStoreBuilder builder = RedisStore.builder().addresses(this.host + ":" + this.port).instanceId(instanceId);
		customizer.accept(builder);
		return builder.build();
	}

	void progress(String message) {
		this.out.println("  " + message);
		this.out.flush();
	}

}
