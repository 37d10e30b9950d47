package com.myunla.gateway.session.autoconfigure;

import java.util.Locale;

import com.myunla.gateway.session.autoconfigure.SessionProperties.StoreType;

/**
 * Stops startup of an application that was processed ahead of time with one store and
 * runs with {@code session.type} naming the other. AOT processing fixes the outcome of
 * the store configurations' conditions on {@code session.type}, so without this check
 * such an application would quietly run the store it was processed with, for example the
 * memory store on an instance of a fleet that shares sessions through Redis. Without AOT
 * processing the configurations' conditions and this check always agree.
 * {@link StoreTypeProcessedAheadOfTimeFailureAnalyzer} explains it.
 */
class StoreTypeProcessedAheadOfTimeException extends IllegalStateException {

	private final StoreType processed;

	private final StoreType configured;

	StoreTypeProcessedAheadOfTimeException(StoreType processed, StoreType configured) {
		super("The application was processed ahead of time with " + InvalidStoreTypeException.PROPERTY + "="
				+ name(processed) + " but runs with " + InvalidStoreTypeException.PROPERTY + "=" + name(configured));
		this.processed = processed;
		this.configured = configured;
	}

	/**
	 * Fails unless the store type that the application runs with is the one whose store
	 * configuration creates the store.
	 * @param properties the properties the application runs with
	 * @param processed the store type of the configuration creating the store
	 */
	static void check(SessionProperties properties, StoreType processed) {
		if (properties.getType() != processed) {
			throw new StoreTypeProcessedAheadOfTimeException(processed, properties.getType());
		}
	}

	String getProcessed() {
		return name(this.processed);
	}

	String getConfigured() {
		return name(this.configured);
	}

	private static String name(StoreType type) {
		return type.name().toLowerCase(Locale.ROOT);
	}

}
