package com.myunla.gateway.session.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidSessionRedisSettingsException} in Spring Boot's
 * failure-analysis report: what does not fit, and which properties to change.
 */
class InvalidSessionRedisSettingsFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSessionRedisSettingsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidSessionRedisSettingsException cause) {
		String action = cause.getProperties().isEmpty() ? "Correct the " + cause.getSource() + "."
				: "Change " + String.join(" or ", cause.getProperties())
						+ " so that they fit together (docs/configuration.md lists the settings of each mode).";
		return new FailureAnalysis(cause.getMessage(), action, cause);
	}

}
