package com.myunla.gateway.sample;

import java.util.List;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The condition behind {@link RequiresBrowser}.
 */
class RequiresBrowserCondition implements ExecutionCondition {

	private static final String REQUIRED_PROPERTY = "session.browser.required";

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		List<String> missing = DemoPage.missingPrerequisites();
		if (missing.isEmpty()) {
			return ConditionEvaluationResult.enabled("Node.js, Chromium and the page script's packages found");
		}
		String what = String.join(", ", missing);
		if ("true".equalsIgnoreCase(System.getProperty(REQUIRED_PROPERTY))
				|| "true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException("Browser tests are required (CI=true or -D" + REQUIRED_PROPERTY
					+ "=true), but these are missing: " + what);
		}
		return ConditionEvaluationResult.disabled("Missing " + what + "; .ci/run shows how to install them");
	}

}
