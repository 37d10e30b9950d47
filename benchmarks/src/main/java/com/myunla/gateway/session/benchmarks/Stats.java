package com.myunla.gateway.session.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Medians and number formatting.
 */
final class Stats {

	private Stats() {
	}

	static <T> double median(List<T> rounds, ToDoubleFunction<T> figure) {
		double[] values = rounds.stream().mapToDouble(figure).toArray();
		if (values.length == 0) {
			throw new IllegalArgumentException("No rounds");
		}
		Arrays.sort(values);
		int middle = values.length / 2;
		return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
	}

	static String count(double value) {
		return String.format(Locale.ROOT, "%,.0f", value);
	}

	static String decimal(double value) {
		return String.format(Locale.ROOT, "%.2f", value);
	}

	static String cpu(double micros) {
		return String.format(Locale.ROOT, "%.1f us", micros);
	}

	static String micros(double value) {
		return String.format(Locale.ROOT, "%,.0f us", value);
	}

}
