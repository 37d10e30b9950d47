package com.myunla.gateway.session.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code sse_heap} (run only when named): the JVM heap and resident memory an open
 * server-sent event stream takes in the sample application on the Redis store, the whole
 * path from the socket to the store. Starts the sample's jar (built by
 * {@code ./mvnw -pl sample-app -am package -DskipTests}, or named with
 * {@code -Dbench.sampleJar}) in a JVM of its own on a free loopback port, with the
 * benchmark's Redis; opens {@value #STREAMS} streams ({@value #QUICK_STREAMS} in quick
 * mode) from this JVM with the JDK's HTTP client, each a new session; and reads the
 * sample's live heap ({@code jcmd <pid> GC.class_histogram}, which collects first) and
 * its resident set ({@code VmRSS} in {@code /proc/<pid>/status}) before and after, per
 * stream. The class histogram of the growth names the largest parts. The store's own
 * share is {@code stream_heap}.
 */
final class SseHeapScenario implements Scenario {

	static final int STREAMS = 10_000;

	static final int QUICK_STREAMS = 2_000;

	private static final int CONCURRENCY = 64;

	private static final int TOP_CLASSES = 14;

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	private static final Pattern TOTAL = Pattern.compile("^Total\\s+\\d+\\s+(\\d+)", Pattern.MULTILINE);

	private static final Pattern RSS = Pattern.compile("^VmRSS:\\s+(\\d+) kB", Pattern.MULTILINE);

	@Override
	public String name() {
		return "sse_heap";
	}

	@Override
	public Result run(BenchContext context) throws Exception {
		int streams = context.mode().isFull() ? STREAMS : QUICK_STREAMS;
		int port = freePort();
		Path log = Files.createTempFile("sse-heap-sample", ".log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process sample = new ProcessBuilder(java, "-XX:+UseG1GC", "-Xms1g", "-Xmx1g", "-jar", sampleJar().toString(),
				"--server.address=127.0.0.1", "--server.port=" + port, "--session.type=redis",
				"--session.redis.addr=" + context.host() + ":" + context.port())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		List<InputStream> open = new ArrayList<>(streams);
		try {
			URI sse = URI.create("http://127.0.0.1:" + port + "/sse");
			awaitStarted(client, sse, sample, log);
			long pid = sample.pid();
			String histogramBefore = jcmd(pid, "GC.class_histogram");
			long rssBefore = rss(pid);
			Semaphore inFlight = new Semaphore(CONCURRENCY);
			List<CompletableFuture<Void>> opening = new ArrayList<>(streams);
			for (int i = 0; i < streams; i++) {
				inFlight.acquire();
				opening.add(client
					.sendAsync(HttpRequest.newBuilder(sse).GET().build(), HttpResponse.BodyHandlers.ofInputStream())
					.thenAccept((response) -> {
						if (response.statusCode() != 200) {
							throw new IllegalStateException("GET /sse answered " + response.statusCode());
						}
						synchronized (open) {
							open.add(response.body());
						}
					})
					.whenComplete((done, error) -> inFlight.release()));
			}
			CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
			String histogramAfter = jcmd(pid, "GC.class_histogram");
			long rssAfter = rss(pid);
			double heapPerStream = (total(histogramAfter) - total(histogramBefore)) / (double) streams;
			double rssPerStream = (rssAfter - rssBefore) / (double) streams;
			String classes = HeapMeter.growth(HeapMeter.parseHistogram(histogramBefore),
					HeapMeter.parseHistogram(histogramAfter), streams, TOP_CLASSES);
			context.progress(String.format("sample on Redis: %,.0f B heap, %,.0f B RSS per open SSE stream (%s)",
					heapPerStream, rssPerStream, classes));
			return new Result(name()).figure("sample_heap_bytes_per_stream", heapPerStream)
				.figure("sample_rss_bytes_per_stream", rssPerStream)
				.row("heap per open SSE stream, sample on Redis (whole path)", Stats.count(heapPerStream) + " B",
						"RSS " + Stats.count(rssPerStream) + " B")
				.note(String.format(
						"%,d SSE streams opened on the sample's jar (1 GB G1 heap), each a new "
								+ "session; live heap from jcmd GC.class_histogram, RSS from /proc; %s",
						streams, classes));
		}
		finally {
			for (InputStream stream : open) {
				closeQuietly(stream);
			}
			sample.destroy();
			if (!sample.waitFor(30, TimeUnit.SECONDS)) {
				sample.destroyForcibly();
			}
			Files.deleteIfExists(log);
		}
	}

	private static Path sampleJar() throws IOException {
		String named = System.getProperty("bench.sampleJar");
		if (named != null) {
			return Path.of(named);
		}
		Path target = Path.of("..", "sample-app", "target");
		if (Files.isDirectory(target)) {
			try (Stream<Path> files = Files.list(target)) {
				List<Path> jars = files
					.filter((file) -> file.getFileName().toString().matches("sample-app-.*\\.jar")
							&& !file.getFileName().toString().endsWith("-plain.jar"))
					.toList();
				if (jars.size() == 1) {
					return jars.get(0);
				}
			}
		}
		throw new IllegalStateException("No sample jar in " + target.toAbsolutePath() + ": build it with "
				+ "./mvnw -pl sample-app -am package -DskipTests, or name it with -Dbench.sampleJar");
	}

	private static void awaitStarted(HttpClient client, URI sse, Process sample, Path log) throws Exception {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		URI sessions = sse.resolve("/sessions");
		while (true) {
			try {
				HttpResponse<Void> response = client.send(HttpRequest.newBuilder(sessions).GET().build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			if (!sample.isAlive() || System.nanoTime() > deadline) {
				throw new IllegalStateException("The sample did not start within " + START_TIMEOUT + ":\n"
						+ Files.readString(log, StandardCharsets.UTF_8));
			}
			Thread.sleep(200);
		}
	}

	private static long total(String histogram) {
		Matcher matcher = TOTAL.matcher(histogram);
		if (!matcher.find()) {
			throw new IllegalStateException("No total in the class histogram");
		}
		return Long.parseLong(matcher.group(1));
	}

	private static long rss(long pid) throws IOException {
		Matcher matcher = RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
		if (!matcher.find()) {
			throw new IllegalStateException("No VmRSS for process " + pid);
		}
		return Long.parseLong(matcher.group(1)) * 1024;
	}

	private static String jcmd(long pid, String command) throws Exception {
		String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
		Process process = new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException("jcmd " + command + " failed: " + output);
		}
		return output;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static void closeQuietly(InputStream stream) {
		try {
			stream.close();
		}
		catch (IOException ex) {
			// the sample is stopped next anyway
		}
	}

}
