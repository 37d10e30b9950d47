package com.myunla.gateway.session.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one scenario: its named figures (the JSON file's), the rows of the
 * results table that put each store figure beside its baseline, the targets with whether
 * they hold, and notes on how it was measured.
 */
final class Result {

	private final String name;

	private final Map<String, Double> figures = new LinkedHashMap<>();

	private final List<Row> rows = new ArrayList<>();

	private final List<Target> targets = new ArrayList<>();

	private final List<String> notes = new ArrayList<>();

	Result(String name) {
		this.name = name;
	}

	String name() {
		return this.name;
	}

	Result figure(String figure, double value) {
		this.figures.put(figure, value);
		return this;
	}

	/**
	 * Adds a row to the results table.
	 * @param measure what the row measures, with its unit
	 * @param value the figure of our store
	 * @param baseline the baseline's figure, or {@code null} if the figure has none
	 */
	Result row(String measure, String value, @Nullable String baseline) {
		this.rows.add(new Row(this.name, measure, value, baseline));
		return this;
	}

	Result target(String description, String actual, boolean holds) {
		this.targets.add(new Target(this.name, description, actual, holds));
		return this;
	}

	Result note(String note) {
		this.notes.add(note);
		return this;
	}

	Map<String, Double> figures() {
		return Collections.unmodifiableMap(this.figures);
	}

	List<Row> rows() {
		return Collections.unmodifiableList(this.rows);
	}

	List<Target> targets() {
		return Collections.unmodifiableList(this.targets);
	}

	List<String> notes() {
		return Collections.unmodifiableList(this.notes);
	}

	/**
	 * A row of the results table.
	 */
	record Row(String scenario, String measure, String value, @Nullable String baseline) {
	}

	/**
	 * A performance target and whether this run met it.
	 */
	record Target(String scenario, String description, String actual, boolean holds) {
	}

}
