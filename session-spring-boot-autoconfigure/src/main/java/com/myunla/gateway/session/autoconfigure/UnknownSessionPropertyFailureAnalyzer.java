package com.myunla.gateway.session.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Explains an unknown key under {@code session.*} (the properties reject unknown keys) in
 * Spring Boot's failure-analysis report, suggesting the property it most likely meant:
 * {@code session.redis.adr} suggests {@code session.redis.addr}. Runs before Spring
 * Boot's own analysis of unbound properties, which says only that the key was left
 * unbound.
 */
class UnknownSessionPropertyFailureAnalyzer extends AbstractFailureAnalyzer<UnboundConfigurationPropertiesException>
		implements Ordered {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"(session\\.[^\"]+)\"");

	/** How many single-character edits a misspelling may be from what it meant. */
	private static final int MAX_EDITS = 2;

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, UnboundConfigurationPropertiesException cause) {
		List<ConfigurationProperty> unknown = cause.getUnboundProperties()
			.stream()
			.filter((property) -> property.getName().toString().startsWith("session."))
			.sorted(Comparator.comparing((property) -> property.getName().toString()))
			.toList();
		if (unknown.isEmpty()) {
			return null;
		}
		Set<String> known = knownProperties();
		StringBuilder description = new StringBuilder("Unknown properties under session:\n");
		List<String> actions = new ArrayList<>();
		for (ConfigurationProperty property : unknown) {
			String name = property.getName().toString();
			description.append("\n    ").append(name);
			if (property.getOrigin() != null) {
				description.append(" (").append(property.getOrigin()).append(")");
			}
			actions.add(closest(name, known).map((meant) -> "Rename " + name + " to " + meant + ".")
				.orElse("Remove " + name + "."));
		}
		actions.add("docs/configuration.md lists every session.* property.");
		return new FailureAnalysis(description.toString(), String.join("\n", actions), cause);
	}

	/**
	 * Runs before Spring Boot's analysis of unbound properties.
	 * @return {@link Ordered#HIGHEST_PRECEDENCE}
	 */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	/**
	 * Returns the known property that the given name is the fewest edits from, if it is
	 * close enough to be a misspelling of it.
	 */
	static Optional<String> closest(String name, Set<String> known) {
		String best = null;
		int fewest = MAX_EDITS + 1;
		for (String candidate : known) {
			int edits = edits(name, candidate);
			if (edits < fewest) {
				fewest = edits;
				best = candidate;
			}
		}
		return Optional.ofNullable(best);
	}

	/**
	 * Returns the names of the {@code session.*} properties, as the build's configuration
	 * metadata lists them (the same list an IDE completes from).
	 */
	static Set<String> knownProperties() {
		Set<String> names = new TreeSet<>();
		try (InputStream in = UnknownSessionPropertyFailureAnalyzer.class.getClassLoader()
			.getResourceAsStream(METADATA)) {
			if (in != null) {
				Matcher matcher = NAME.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
				while (matcher.find()) {
					names.add(matcher.group(1));
				}
			}
		}
		catch (IOException ex) {
			// no suggestions then: the analysis still names the unknown keys
		}
		return names;
	}

	/**
	 * The Levenshtein distance: single-character insertions, deletions and substitutions
	 * that turn one string into the other. Neither Spring nor the JDK has one.
	 */
	private static int edits(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
