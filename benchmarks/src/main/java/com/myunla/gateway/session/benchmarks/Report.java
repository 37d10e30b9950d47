package com.myunla.gateway.session.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints the results as a Markdown table (store figure beside its baseline), lists the
 * targets, and writes the JSON file: {@code {"mode":..., "machine":{...},
 * "scenarios":[{"name":..., <figures>...}], "targets":[...]}}.
 */
final class Report {

	private final RunMode mode;

	private final Machine machine;

	private final List<Result> results;

	Report(RunMode mode, Machine machine, List<Result> results) {
		this.mode = mode;
		this.machine = machine;
		this.results = results;
	}

	void print(PrintStream out) {
		out.println();
		out.println("Mode: " + this.mode.name());
		out.println("Machine: " + this.machine);
		out.println();
		List<String[]> table = new ArrayList<>();
		table.add(new String[] { "scenario", "figure", "store", "baseline" });
		for (Result result : this.results) {
			for (Result.Row row : result.rows()) {
				table.add(new String[] { row.scenario(), row.measure(), row.value(),
						(row.baseline() != null) ? row.baseline() : "" });
			}
		}
		printTable(out, table);
		out.println();
		out.println("Targets:");
		for (Result result : this.results) {
			for (Result.Target target : result.targets()) {
				out.println("  " + (target.holds() ? "[holds]     " : "[not held]  ") + target.scenario() + ": "
						+ target.description() + " (" + target.actual() + ")");
			}
		}
		out.println();
		out.println("Notes:");
		for (Result result : this.results) {
			for (String note : result.notes()) {
				out.println("  " + result.name() + ": " + note);
			}
		}
		out.flush();
	}

	void write(Path file) throws IOException {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("mode", this.mode.name());
		document.put("finished_at", Instant.now().toString());
		document.put("machine", this.machine.toMap());
		List<Map<String, Object>> scenarios = new ArrayList<>();
		List<Map<String, Object>> targets = new ArrayList<>();
		for (Result result : this.results) {
			Map<String, Object> scenario = new LinkedHashMap<>();
			scenario.put("name", result.name());
			result.figures().forEach((name, value) -> scenario.put(name, rounded(value)));
			scenario.put("notes", result.notes());
			scenarios.add(scenario);
			for (Result.Target target : result.targets()) {
				Map<String, Object> entry = new LinkedHashMap<>();
				entry.put("scenario", target.scenario());
				entry.put("target", target.description());
				entry.put("actual", target.actual());
				entry.put("holds", target.holds());
				targets.add(entry);
			}
		}
		document.put("scenarios", scenarios);
		document.put("targets", targets);
		Files.createDirectories(file.toAbsolutePath().getParent());
		try (OutputStream output = Files.newOutputStream(file)) {
			JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValue(output, document);
		}
	}

	private static Number rounded(double value) {
		if (Math.abs(value) >= 100) {
			return Math.round(value);
		}
		return Math.round(value * 1000) / 1000.0;
	}

	private static void printTable(PrintStream out, List<String[]> rows) {
		int[] widths = new int[rows.get(0).length];
		for (String[] row : rows) {
			for (int i = 0; i < row.length; i++) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		for (int r = 0; r < rows.size(); r++) {
			StringBuilder line = new StringBuilder("|");
			for (int i = 0; i < widths.length; i++) {
				line.append(' ').append(pad(rows.get(r)[i], widths[i])).append(" |");
			}
			out.println(line);
			if (r == 0) {
				StringBuilder rule = new StringBuilder("|");
				for (int width : widths) {
					rule.append('-').append("-".repeat(width)).append("-|");
				}
				out.println(rule);
			}
		}
	}

	private static String pad(String text, int width) {
		return text + " ".repeat(width - text.length());
	}

}
