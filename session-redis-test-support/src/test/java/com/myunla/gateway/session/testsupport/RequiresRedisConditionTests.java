package com.myunla.gateway.session.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link RequiresRedisCondition}, {@link RequiresValkeyCondition} and the
 * look-up of {@link RedisBinaries}.
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
					+ "(CI=true or -Dsession.redis.required=true); install Redis to run these tests");
	}

	@Test
	void valkeyIsEnabledWhereFoundAndSkippedWhereMissingAndNotRequired() {
		assertThat(RequiresValkeyCondition.evaluate(true, true).isDisabled()).isFalse();
		ConditionEvaluationResult result = RequiresValkeyCondition.evaluate(false, false);
		assertThat(result.isDisabled()).isTrue();
		assertThat(result.getReason()).hasValueSatisfying(
				(reason) -> assertThat(reason).contains("valkey-server", "$SESSION_VALKEY_HOME", "the PATH"));
	}

	@Test
	void failsWhereValkeyIsMissingButRequiredSayingHowToProvideIt() {
		assertThatIllegalStateException().isThrownBy(() -> RequiresValkeyCondition.evaluate(false, true))
			.withMessage("valkey-server not found, but Valkey tests are required "
					+ "(CI=true or -Dsession.redis.required=true); set SESSION_VALKEY_HOME to the src directory "
					+ "of a Valkey build (.ci/run builds Valkey 8.0.1 from source and sets it)");
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

	@Test
	void looksInTheHomeDirectoryBeforeThePath(@TempDir Path home) throws IOException {
		Path own = Files.createFile(home.resolve("sh"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
		assertThat(RedisBinaries.find("sh", home.toString())).hasValue(own);
		assertThat(RedisBinaries.find("sh", home.resolve("missing").toString()))
			.hasValueSatisfying((path) -> assertThat(path).isNotEqualTo(own).isExecutable());
	}

}
