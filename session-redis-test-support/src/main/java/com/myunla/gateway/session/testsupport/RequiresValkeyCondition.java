package com.myunla.gateway.session.testsupport;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;

/**
 * The condition behind {@link RequiresValkey}: enables tests where {@code valkey-server}
 * and {@code valkey-cli} are found, disables them where not, and fails them where not
 * although Redis tests are required, saying how to provide them.
 */
public final class RequiresValkeyCondition extends ServerCondition {

	/**
	 * Creates the condition; JUnit does so for {@link RequiresValkey}.
	 */
	public RequiresValkeyCondition() {
		super(ServerKind.VALKEY);
	}

	static ConditionEvaluationResult evaluate(boolean available, boolean required) {
		return evaluate(ServerKind.VALKEY, available, required);
	}

}
