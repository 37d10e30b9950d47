package com.myunla.gateway.session.testsupport;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;

/**
 * The condition behind {@link RequiresRedis}: enables tests where {@code redis-server}
 * and {@code redis-cli} are installed, disables them where not, and fails them where not
 * although Redis tests are required.
 */
public final class RequiresRedisCondition extends ServerCondition {

	/**
	 * Creates the condition; JUnit does so for {@link RequiresRedis}.
	 */
	public RequiresRedisCondition() {
		super(ServerKind.REDIS);
	}

	static ConditionEvaluationResult evaluate(boolean available, boolean required) {
		return evaluate(ServerKind.REDIS, available, required);
	}

}
