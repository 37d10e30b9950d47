package com.myunla.gateway.session.redis;

import java.util.concurrent.atomic.AtomicBoolean;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * What Redis's refusals tell about the whole store rather than one operation, for its
 * health: the store's user lacks a permission ({@code NOPERM}), or Redis is out of memory
 * ({@code OOM}: over {@code maxmemory} with nothing it may evict). Each condition starts
 * with a refusal of any command and lasts until a check, repeated every probe interval,
 * finds it gone: the {@linkplain AccessCheck access check} for permissions,
 * {@code memory.lua} (refused while Redis is out of memory, on the node that refused) for
 * memory.
 */
final class RedisConditions {

	private static final Log logger = LogFactory.getLog(RedisConditions.class);

	private static final LuaScript MEMORY = LuaScript.load("memory", ScriptOutputType.INTEGER, true);

	private final String target;

	private final AtomicBoolean checking = new AtomicBoolean();

	private volatile @Nullable String permission;

	private volatile @Nullable String memory;

	private volatile byte @Nullable [] memoryKey;

	RedisConditions(String target) {
		this.target = target;
	}

	/**
	 * Notes a failed command.
	 * @param error the command's error, as the caller sees it
	 * @param key a key of the command, which routes it in a cluster, or {@code null}
	 */
	void noted(Throwable error, byte @Nullable [] key) {
		RedisCommandExecutionException refusal = RedisErrors.permissionError(error);
		if (refusal != null) {
			if (this.permission == null) {
				logger.warn("Redis refuses a command of the session store for want of permission (" + this.target
						+ "): " + refusal.getMessage());
				this.permission = "Redis refuses a command for want of permission: " + refusal.getMessage();
			}
			return;
		}
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof RedisCommandExecutionException && "OOM".equals(RedisErrors.code(cause.getMessage()))) {
				if (key != null) {
					this.memoryKey = key;
				}
				if (this.memory == null) {
					logger.warn("Redis is out of memory (" + this.target + "): " + cause.getMessage());
					this.memory = "Redis is out of memory (used memory > 'maxmemory', " + this.target
							+ "): new sessions and messages are refused; unregistering still works";
				}
				return;
			}
		}
	}

	/**
	 * Says why the store's user cannot run what the store needs, while that lasts.
	 */
	@Nullable String permissionProblem() {
		return this.permission;
	}

	/**
	 * Says that Redis is out of memory, while that lasts.
	 */
	@Nullable String memoryProblem() {
		return this.memory;
	}

	/**
	 * Checks whether the noted conditions still hold, clearing those that do not; one
	 * check at a time.
	 */
	void recheck(AccessCheck access, RedisCalls redis, byte[] defaultKey) {
		if ((this.permission == null && this.memory == null) || !this.checking.compareAndSet(false, true)) {
			return;
		}
		Mono<Void> permission = (this.permission == null) ? Mono.empty()
				: access.refusals()
					.doOnNext((refusals) -> this.permission = refusals.isEmpty() ? null
							: "Redis refuses commands for want of permission: " + AccessCheck.summary(refusals))
					.then();
		byte[] key = (this.memoryKey != null) ? this.memoryKey : defaultKey;
		Mono<Void> memory = (this.memory == null) ? Mono.empty()
				: redis.eval(MEMORY, new byte[][] { key }).doOnNext((answered) -> this.memory = null).then();
		permission.onErrorResume((error) -> Mono.empty())
			.then(memory.onErrorResume((error) -> Mono.empty()))
			.doFinally((signal) -> this.checking.set(false))
			.subscribe();
	}

}
