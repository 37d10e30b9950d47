package com.myunla.gateway.session.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.ObjectName;

/**
 * Measures the heap: the used heap after {@link System#gc()} ({@code MemoryMXBean}) for
 * the figures, and the JVM's class histogram of live objects (what
 * {@code jcmd <pid> GC.class_histogram} prints) to say which classes the bytes belong to.
 */
final class HeapMeter {

	private static final Pattern HISTOGRAM_LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)",
			Pattern.MULTILINE);

	private HeapMeter() {
	}

	/**
	 * Returns the used heap after three full collections.
	 * @return the used heap in bytes
	 */
	static long usedHeap() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	/**
	 * Returns the bytes of live objects per class, after a full collection.
	 * @return bytes by class name
	 * @throws Exception if the diagnostic command is not available
	 */
	static Map<String, Long> histogram() throws Exception {
		String text = (String) ManagementFactory.getPlatformMBeanServer()
			.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
					new Object[] { new String[0] }, new String[] { String[].class.getName() });
		return parseHistogram(text);
	}

	/**
	 * Reads a class histogram as {@code jcmd <pid> GC.class_histogram} prints it.
	 * @param text the histogram
	 * @return bytes by class name
	 */
	static Map<String, Long> parseHistogram(String text) {
		Map<String, Long> bytes = new HashMap<>();
		Matcher matcher = HISTOGRAM_LINE.matcher(text);
		while (matcher.find()) {
			bytes.merge(matcher.group(3), Long.parseLong(matcher.group(2)), Long::sum);
		}
		return bytes;
	}

	/**
	 * Describes the classes whose live bytes grew most between two histograms, per object
	 * counted.
	 * @param before the earlier histogram
	 * @param after the later histogram
	 * @param count what the growth is divided by (for example the number of streams
	 * opened in between)
	 * @param top how many classes to name
	 * @return for example {@code "LiveStream 96 B, byte[] 48 B, ..."}
	 */
	static String growth(Map<String, Long> before, Map<String, Long> after, int count, int top) {
		List<Map.Entry<String, Long>> grown = new ArrayList<>();
		long total = 0;
		for (Map.Entry<String, Long> entry : after.entrySet()) {
			long delta = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
			total += delta;
			if (delta > 0) {
				grown.add(Map.entry(entry.getKey(), delta));
			}
		}
		grown.sort(Map.Entry.<String, Long>comparingByValue().reversed());
		StringBuilder text = new StringBuilder(
				String.format("histogram total %,.0f B per object: ", total / (double) count));
		for (int i = 0; i < Math.min(top, grown.size()); i++) {
			Map.Entry<String, Long> entry = grown.get(i);
			text.append((i > 0) ? ", " : "")
				.append(simpleName(entry.getKey()))
				.append(String.format(" %,.0f B", entry.getValue() / (double) count));
		}
		return text.toString();
	}

	/**
	 * Shortens a class name of the histogram: {@code [Ljava.lang.Object;} to
	 * {@code Object[]}, {@code [B} to {@code byte[]},
	 * {@code reactor.core.publisher.FluxMap} to {@code FluxMap}.
	 */
	private static String simpleName(String name) {
		int dimensions = 0;
		while (dimensions < name.length() && name.charAt(dimensions) == '[') {
			dimensions++;
		}
		String element = name.substring(dimensions);
		if (dimensions > 0) {
			element = switch (element) {
				case "B" -> "byte";
				case "C" -> "char";
				case "I" -> "int";
				case "J" -> "long";
				case "Z" -> "boolean";
				default -> element.substring(1, element.length() - 1);
			};
		}
		return element.substring(element.lastIndexOf('.') + 1) + "[]".repeat(dimensions);
	}

}
