package com.myunla.gateway.session.testsupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link RequiresRedisCondition} and {@link RedisBinaries#required()}.
 */
class RequiresRedisConditionTests {

	@Test
	void enabledWhereRedisIsInstalled() {
		assertThat(RequiresRedisCondition.evaluate(true, false).isDisabled()).isFalse();
		assertThat(RequiresRedisCondition.evaluate(true, true).isDisabled()).isFalse();
	}

	@Test
	void disabledWithAReasonWhereRedisIsMissingAndNotRequired() {
		ConditionEvaluationResult result = RequiresRedisCondition.evaluate(false, false);
		assertThat(result.isDisabled()).isTrue();
		assertThat(result.getReason()).hasValueSatisfying((reason) -> assertThat(reason).contains("redis-server"));
	}

	@Test
	void failsWhereRedisIsMissingButRequired() {
		assertThatIllegalStateException().isThrownBy(() -> RequiresRedisCondition.evaluate(false, true))
			.withMessage("redis-server not found, but Redis tests are required "
					+ "(CI=true or -Dsession.redis.required=true)");
	}

	@Test
	void requiredBySystemPropertyOrCi() {
		assertThat(RedisBinaries.required(null, null)).isFalse();
		assertThat(RedisBinaries.required("false", "false")).isFalse();
		assertThat(RedisBinaries.required("true", null)).isTrue();
		assertThat(RedisBinaries.required(null, "true")).isTrue();
		assertThat(RedisBinaries.required("false", "TRUE")).isTrue();
	}

	@Test
	void findsExecutablesOnThePathOnly() {
		assertThat(RedisBinaries.find("no-such-redis-binary")).isEmpty();
		assertThat(RedisBinaries.find("sh")).hasValueSatisfying((path) -> assertThat(path).isExecutable());
	}

}
