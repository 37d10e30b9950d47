package com.myunla.gateway.session.redis;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The few Redis commands the store uses, as lazy {@code Mono}s over Lettuce's
 * asynchronous API on one shared, auto-reconnecting connection, which the store
 * {@linkplain #connect binds} when it starts.
 *
 * <p>
 * The store calls Lettuce directly rather than through Spring Data Redis's reactive
 * template: the template opens a connection wrapper per call and re-checks the script
 * resource, which cost more CPU per message than the Redis work itself. Command timeouts
 * come from the client's {@code TimeoutOptions}.
 */
final class RedisCalls {

	private final RedisErrors errors;

	private final @Nullable RedisConditions conditions;

	private volatile @Nullable RedisClusterAsyncCommands<byte[], byte[]> async;

	private final @Nullable UnansweredConnections unanswered;

	/**
	 * Creates the commands of a store that is not connected yet.
	 * @param errors the store's error handling
	 * @param unanswered the watch of the connection, or {@code null} for none
	 * @param conditions the store's conditions, told of every failed command, or
	 * {@code null} for none
	 */
	RedisCalls(RedisErrors errors, @Nullable UnansweredConnections unanswered, @Nullable RedisConditions conditions) {
		this.errors = errors;
		this.unanswered = unanswered;
		this.conditions = conditions;
	}

	RedisCalls(RedisClusterAsyncCommands<byte[], byte[]> async, RedisErrors errors) {
		this(errors, null, null);
		connect(async);
	}

	/**
	 * Binds the commands to the connection they run on, and has it watched.
	 */
	void connect(RedisClusterAsyncCommands<byte[], byte[]> async) {
		this.async = async;
		if (this.unanswered != null) {
			this.unanswered.watch(async);
		}
	}

	/**
	 * Runs a script by its SHA-1, loading it with {@code EVAL} when the server does not
	 * know it (after a restart or failover, or on a new node). Retries it while Redis is
	 * unavailable as far as the script's idempotence allows (see {@link RedisErrors}).
	 */
	<T> Mono<T> eval(LuaScript script, byte[][] keys, byte[]... args) {
		Mono<T> eval = this.<T>call(() -> async().evalsha(script.sha(), script.output(), keys, args))
			.onErrorResume(RedisNoScriptException.class,
					(ex) -> call(() -> async().eval(script.body(), script.output(), keys, args)));
		return noted(this.errors.run(eval, script.idempotent()), (keys.length > 0) ? keys[0] : null);
	}

	/**
	 * Bounds a whole operation by the command timeout from its subscription (see
	 * {@link RedisErrors#bounded(Mono)}).
	 */
	<T> Mono<T> bounded(Mono<T> operation) {
		return this.errors.bounded(operation);
	}

	/**
	 * Returns what keys that one script call can cover share: on a single Redis or
	 * Sentinel nothing (one server serves every key), in a cluster the key's slot (a
	 * script touches the keys of one slot only).
	 */
	Object scriptScopeOf(byte[] key) {
		return isCluster() ? SlotHash.getSlot(key) : "";
	}

	/**
	 * Tells whether the connection is to a Redis Cluster.
	 */
	boolean isCluster() {
		return this.async instanceof RedisAdvancedClusterAsyncCommands<?, ?>;
	}

	Mono<Long> zadd(byte[] key, double score, byte[] member) {
		return mapped(() -> async().zadd(key, score, member));
	}

	Mono<Long> zrem(byte[] key, byte[] member) {
		return mapped(() -> async().zrem(key, member));
	}

	Flux<byte[]> zrangeByScore(byte[] key, double max, int limit) {
		return this.<List<byte[]>>mapped(() -> async().zrangebyscore(key, Range.create(0, max), Limit.create(0, limit)))
			.flatMapIterable(Function.identity());
	}

	Mono<List<KeyValue<byte[], byte[]>>> hmget(byte[] key, byte[]... fields) {
		return mapped(() -> async().hmget(key, fields));
	}

	Mono<Long> zcard(byte[] key) {
		return mapped(() -> async().zcard(key));
	}

	Mono<byte[]> hget(byte[] key, byte[] field) {
		return mapped(() -> async().hget(key, field));
	}

	Mono<Long> exists(byte[] key) {
		return mapped(() -> async().exists(key));
	}

	Mono<Long> publish(byte[] channel, byte[] message) {
		return mapped(() -> async().publish(channel, message));
	}

	/**
	 * Publishes on a shard channel, which the cluster client sends to the master serving
	 * the channel's slot.
	 */
	Mono<Long> spublish(byte[] channel, byte[] message) {
		return mapped(() -> async().spublish(channel, message));
	}

	Mono<String> ping() {
		return mapped(() -> async().ping());
	}

	/**
	 * Runs one of the plain commands, all of which are idempotent (a repeated probe is
	 * ignored).
	 */
	private <T> Mono<T> mapped(Supplier<? extends CompletionStage<T>> command) {
		return noted(this.errors.run(this.<T>call(command), true), null);
	}

	private <T> Mono<T> noted(Mono<T> command, byte @Nullable [] key) {
		RedisConditions conditions = this.conditions;
		return (conditions != null) ? command.doOnError((error) -> conditions.noted(error, key)) : command;
	}

	/**
	 * Notes an error that a script returned for one of its commands (as {@code send.lua}
	 * does for each message), as if the call had failed with it.
	 */
	void noted(Throwable error, byte[] key) {
		if (this.conditions != null) {
			this.conditions.noted(error, key);
		}
	}

	private RedisClusterAsyncCommands<byte[], byte[]> async() {
		RedisClusterAsyncCommands<byte[], byte[]> async = this.async;
		if (async == null) {
			throw new IllegalStateException("Not connected to Redis yet");
		}
		return async;
	}

	@SuppressWarnings("unchecked")
	private <T> Mono<T> call(Supplier<? extends CompletionStage<?>> command) {
		return Mono.fromCompletionStage(() -> (CompletionStage<T>) command.get());
	}

}
