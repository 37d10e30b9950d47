package com.myunla.gateway.session.autoconfigure;

import com.myunla.gateway.session.redis.RedisPermissionException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Explains a {@link RedisPermissionException} in Spring Boot's failure-analysis report:
 * what Redis refused, and the {@code ACL SETUSER} that grants the missing rules.
 */
class RedisPermissionFailureAnalyzer extends AbstractFailureAnalyzer<RedisPermissionException> {

	private final Environment environment;

	RedisPermissionFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, RedisPermissionException cause) {
		String rules = String.join(" ", cause.getMissingRules());
		String action = "Grant the missing rules to the Redis user, for example with\n\n    ACL SETUSER " + user() + " "
				+ rules + "\n\n(in a Redis Cluster on every node, or in the ACL file where Redis keeps its "
				+ "users); the section \"Redis ACL\" of docs/redis.md lists every permission the store needs. Or set "
				+ "session.redis.prefix and session.redis.topic to key and channel names the user may use.";
		return new FailureAnalysis(cause.getMessage(), action, cause);
	}

	private String user() {
		for (String property : new String[] { "session.redis.username", "spring.data.redis.username" }) {
			String user = this.environment.getProperty(property);
			if (StringUtils.hasText(user)) {
				return user;
			}
		}
		return "default";
	}

}
