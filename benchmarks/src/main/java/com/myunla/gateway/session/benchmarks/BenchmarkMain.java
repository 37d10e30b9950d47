package com.myunla.gateway.session.benchmarks;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.myunla.gateway.session.testsupport.RedisSingle;
import io.lettuce.core.RedisURI;
import org.jspecify.annotations.Nullable;

/**
 * Runs the load scenarios of the session stores and reports their figures beside their
 * baselines.
 *
 * <p>
 * Starts its own {@code redis-server} on a free loopback port unless
 * {@code --redis host:port} names one (which is flushed between scenarios: never point it
 * at a Redis holding data you need); {@code cluster_bus} always starts its own Redis
 * Cluster. Prints a table and the targets, and writes the figures as JSON.
 *
 * <pre>
 * --mode quick|full          quick (default): short rounds, for CI and a first look; full: the reported figures
 * --redis host:port          use this Redis instead of starting one
 * --scenarios a,b,...        run only these (delivery, latency, send_script, lifecycle, memory_store,
 *                            stream_heap, idle_streams, fanout, cluster_bus, redis_memory, redis_messages,
 *                            list_page, observations; and, only when named, sse_heap)
 * --out file                 where the JSON goes (default target/results.json)
 * </pre>
 *
 * <p>
 * Exits with status 1 if a scenario could not run to the end; a target that does not hold
 * is reported, not an error.
 */
public final class BenchmarkMain {

	private static final List<Scenario> SCENARIOS = List.of(new DeliveryScenario(), new LatencyScenario(),
			new SendScriptScenario(), new LifecycleScenario(), new MemoryStoreScenario(), new StreamHeapScenario(),
			new IdleStreamsScenario(), new FanoutScenario(), new ClusterBusScenario(), new RedisMemoryScenario(),
			new RetainedMessagesScenario(), new ListPageScenario(), new ObservationsScenario());

	/** Scenarios that run only when named: they need more than the benchmark module. */
	private static final List<Scenario> NAMED_ONLY = List.of(new SseHeapScenario());

	private BenchmarkMain() {
	}

	/**
	 * Runs the scenarios.
	 * @param args the options described in the class documentation
	 * @throws Exception if the results cannot be written
	 */
	public static void main(String[] args) throws Exception {
		Map<String, String> options = parse(args);
		RunMode mode = RunMode.of(options.getOrDefault("mode", "quick"));
		List<Scenario> scenarios = select(options.get("scenarios"));
		Path out = Path.of(options.getOrDefault("out", "target/results.json"));
		PrintStream console = System.out;
		String external = options.get("redis");
		RedisSingle ownRedis = (external != null) ? null : RedisSingle.start();
		boolean failed = false;
		try {
			String address = (ownRedis != null) ? ownRedis.address() : external;
			int colon = address.lastIndexOf(':');
			String host = address.substring(0, colon);
			int port = Integer.parseInt(address.substring(colon + 1));
			try (RedisAdmin admin = new RedisAdmin(RedisURI.create(host, port))) {
				Machine machine = Machine.describe(admin.version() + " at " + address
						+ ((ownRedis != null) ? " (started by the benchmark)" : " (external)"));
				console.println("Session store benchmarks, " + mode.name() + " mode");
				console.println("Machine: " + machine);
				BenchContext context = new BenchContext(mode, host, port, admin, console);
				List<Result> results = new ArrayList<>();
				for (Scenario scenario : scenarios) {
					admin.flushAll();
					console.println();
					console.println("== " + scenario.name());
					long start = System.nanoTime();
					try {
						results.add(scenario.run(context));
					}
					catch (Exception ex) {
						failed = true;
						console.println("  FAILED: " + ex);
						ex.printStackTrace(console);
					}
					console.printf("  (%.1f s)%n", (System.nanoTime() - start) / 1e9);
				}
				admin.flushAll();
				Report report = new Report(mode, machine, results);
				report.print(console);
				report.write(out);
				console.println("Results written to " + out.toAbsolutePath());
			}
		}
		finally {
			if (ownRedis != null) {
				ownRedis.close();
			}
		}
		System.exit(failed ? 1 : 0);
	}

	private static Map<String, String> parse(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			String name = args[i];
			if (!name.startsWith("--") || i + 1 >= args.length) {
				throw new IllegalArgumentException("Expected --option value pairs, got " + Arrays.toString(args));
			}
			options.put(name.substring(2), args[++i]);
		}
		return options;
	}

	private static List<Scenario> select(@Nullable String names) {
		if (names == null || names.isBlank()) {
			return SCENARIOS;
		}
		List<Scenario> selected = new ArrayList<>();
		for (String name : names.split(",")) {
			selected.add(Stream.concat(SCENARIOS.stream(), NAMED_ONLY.stream())
				.filter((scenario) -> scenario.name().equals(name.trim()))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException("Unknown scenario '" + name + "'")));
		}
		return selected;
	}

}
