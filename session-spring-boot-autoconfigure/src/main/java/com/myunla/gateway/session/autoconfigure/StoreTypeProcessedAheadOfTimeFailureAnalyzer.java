package com.myunla.gateway.session.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link StoreTypeProcessedAheadOfTimeException} in Spring Boot's
 * failure-analysis report: the store the application was processed with, the one it was
 * asked to run, and how to process it for the latter.
 */
class StoreTypeProcessedAheadOfTimeFailureAnalyzer
		extends AbstractFailureAnalyzer<StoreTypeProcessedAheadOfTimeException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, StoreTypeProcessedAheadOfTimeException cause) {
		String property = InvalidStoreTypeException.PROPERTY;
		String description = "The application was processed ahead of time with " + property + "=" + cause.getProcessed()
				+ ", which fixed its session store, but runs with " + property + "=" + cause.getConfigured() + ".";
		String action = "Process the application ahead of time with " + property + "=" + cause.getConfigured()
				+ " (for example -D" + property + "=" + cause.getConfigured()
				+ " in the jvmArguments of spring-boot-maven-plugin's process-aot goal), or run it with " + property
				+ "=" + cause.getProcessed() + ".";
		return new FailureAnalysis(description, action, cause);
	}

}
