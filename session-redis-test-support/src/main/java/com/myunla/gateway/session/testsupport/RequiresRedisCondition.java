package com.myunla.gateway.session.testsupport;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The condition behind {@link RequiresRedis}: enables tests where {@code redis-server}
 * and {@code redis-cli} are installed, disables them where not, and fails them where not
 * although Redis tests are required.
 */
public final class RequiresRedisCondition implements ExecutionCondition {

	static final String REQUIRED_BUT_MISSING = "redis-server not found, but Redis tests are required "
			+ "(CI=true or -D" + RedisBinaries.REQUIRED_PROPERTY + "=true)";

	/**
	 * Decides whether the annotated tests run.
	 * @param context the test or container
	 * @return enabled when Redis is installed, disabled when it is not and not required
	 * @throws IllegalStateException when Redis is not installed but required, which fails
	 * the tests
	 */
	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		return evaluate(RedisBinaries.available(), RedisBinaries.required());
	}

	static ConditionEvaluationResult evaluate(boolean available, boolean required) {
		if (available) {
			return ConditionEvaluationResult.enabled("redis-server and redis-cli found");
		}
		if (required) {
			throw new IllegalStateException(REQUIRED_BUT_MISSING);
		}
		return ConditionEvaluationResult.disabled("redis-server or redis-cli not found on the PATH, in /usr/bin "
				+ "or in /usr/local/bin; install Redis to run these tests");
	}

}
