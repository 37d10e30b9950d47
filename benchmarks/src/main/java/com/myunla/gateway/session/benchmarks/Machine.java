package com.myunla.gateway.session.benchmarks;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The machine and runtime a run measured, printed with the results and written into the
 * JSON file.
 *
 * @param cores available processors
 * @param cpu the CPU model, when the OS tells it
 * @param jdk the Java runtime version and vendor
 * @param vm the JVM name
 * @param os the operating system and architecture
 * @param gc the garbage collectors in use
 * @param maxHeapMb the maximum heap
 * @param jvmArguments the JVM's input arguments
 * @param loadAverage the system load average over the last minute when the run started
 * @param redis the Redis server version and address
 */
record Machine(int cores, String cpu, String jdk, String vm, String os, String gc, long maxHeapMb, String jvmArguments,
		double loadAverage, String redis) {

	static Machine describe(String redis) {
		Runtime runtime = Runtime.getRuntime();
		String gc = ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.map(GarbageCollectorMXBean::getName)
			.collect(Collectors.joining(", "));
		return new Machine(runtime.availableProcessors(), cpuModel(),
				System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ")",
				System.getProperty("java.vm.name"),
				System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
						+ System.getProperty("os.arch"),
				gc, runtime.maxMemory() / (1024 * 1024),
				String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()),
				ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), redis);
	}

	Map<String, Object> toMap() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("cores", this.cores);
		map.put("cpu", this.cpu);
		map.put("jdk", this.jdk);
		map.put("vm", this.vm);
		map.put("os", this.os);
		map.put("gc", this.gc);
		map.put("max_heap_mb", this.maxHeapMb);
		map.put("jvm_arguments", this.jvmArguments);
		map.put("load_average_at_start", this.loadAverage);
		map.put("redis", this.redis);
		return map;
	}

	@Override
	public String toString() {
		return this.cores + " cores (" + this.cpu + "), JDK " + this.jdk + ", " + this.vm + ", " + this.os + ", GC "
				+ this.gc + ", max heap " + this.maxHeapMb + " MB, load average " + this.loadAverage + ", Redis "
				+ this.redis;
	}

	private static String cpuModel() {
		try {
			return Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse("unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

}
