package com.myunla.gateway.session.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidStoreTypeException} in Spring Boot's failure-analysis report:
 * the property, its value and the valid values.
 */
class InvalidStoreTypeFailureAnalyzer extends AbstractFailureAnalyzer<InvalidStoreTypeException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidStoreTypeException cause) {
		String description = "Property " + InvalidStoreTypeException.PROPERTY + " is '" + cause.getValue()
				+ "', which names no session store.";
		String action = "Set " + InvalidStoreTypeException.PROPERTY + " to one of: "
				+ String.join(", ", InvalidStoreTypeException.validValues()) + " (or remove it for memory).";
		return new FailureAnalysis(description, action, cause);
	}

}
