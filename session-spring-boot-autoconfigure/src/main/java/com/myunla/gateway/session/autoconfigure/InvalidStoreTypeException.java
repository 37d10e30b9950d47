package com.myunla.gateway.session.autoconfigure;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.myunla.gateway.session.autoconfigure.SessionProperties.StoreType;

/**
 * Stops startup when {@code session.type} names no store;
 * {@link InvalidStoreTypeFailureAnalyzer} explains it.
 */
class InvalidStoreTypeException extends IllegalStateException {

	static final String PROPERTY = "session.type";

	private final String value;

	InvalidStoreTypeException(String value) {
		super(PROPERTY + " is '" + value + "'; valid values are " + validValues());
		this.value = value;
	}

	String getValue() {
		return this.value;
	}

	static List<String> validValues() {
		return Arrays.stream(StoreType.values()).map((type) -> type.name().toLowerCase(Locale.ROOT)).toList();
	}

}
