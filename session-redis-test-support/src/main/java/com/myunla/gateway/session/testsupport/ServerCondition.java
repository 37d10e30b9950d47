package com.myunla.gateway.session.testsupport;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The decision behind {@link RequiresRedisCondition} and {@link RequiresValkeyCondition}:
 * run where a kind's executables are found, skip where they are not, fail where they are
 * not although Redis tests are required.
 */
abstract class ServerCondition implements ExecutionCondition {

	private final ServerKind kind;

	ServerCondition(ServerKind kind) {
		this.kind = kind;
	}

	/**
	 * Decides whether the annotated tests run.
	 * @param context the test or container
	 * @return enabled when the executables are found, disabled when they are not and not
	 * required
	 * @throws IllegalStateException when the executables are not found but required,
	 * which fails the tests, saying how to provide them
	 */
	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		return evaluate(this.kind, RedisBinaries.available(this.kind), RedisBinaries.required());
	}

	static ConditionEvaluationResult evaluate(ServerKind kind, boolean available, boolean required) {
		if (available) {
			return ConditionEvaluationResult.enabled(kind.server() + " and " + kind.cli() + " found");
		}
		if (required) {
			throw new IllegalStateException(
					kind.server() + " not found, but " + kind.displayName() + " tests are required (CI=true or -D"
							+ RedisBinaries.REQUIRED_PROPERTY + "=true); " + kind.howToProvide());
		}
		return ConditionEvaluationResult.disabled(kind.server() + " or " + kind.cli() + " not found in "
				+ kind.searchedPlaces() + "; " + kind.howToProvide());
	}

}
