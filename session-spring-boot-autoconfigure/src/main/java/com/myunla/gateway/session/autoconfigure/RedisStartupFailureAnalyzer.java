package com.myunla.gateway.session.autoconfigure;

import com.myunla.gateway.session.redis.RedisStartupException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link RedisStartupException} in Spring Boot's failure-analysis report: the
 * Redis the store tried, what went wrong, and the properties that point the store
 * elsewhere or give it other credentials, or what a server must allow the store.
 */
class RedisStartupFailureAnalyzer extends AbstractFailureAnalyzer<RedisStartupException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, RedisStartupException cause) {
		String action = switch (cause.getReason()) {
			case AUTHENTICATION -> "Check session.redis.username and session.redis.password (and, for the sentinels, "
					+ "session.redis.sentinel-username and session.redis.sentinel-password).";
			case SCRIPTING -> "The session store runs Lua scripts: point it (session.redis.addr) at a Redis or "
					+ "Valkey server that runs them (" + cause.getTarget() + " does not). Keep the commands EVALSHA "
					+ "and EVAL available (not renamed or disabled with rename-command), and Lua "
					+ "scripting enabled.";
			case UNREACHABLE -> "Make sure that Redis runs and that this host can reach it (" + cause.getTarget() + ")"
					+ ". Otherwise point the store at the right Redis with session.redis.addr, "
					+ "session.redis.cluster-type and, for sentinels, session.redis.master-name "
					+ "(session.redis.connect-timeout bounds each attempt).";
		};
		return new FailureAnalysis(cause.getMessage(), action, cause);
	}

}
