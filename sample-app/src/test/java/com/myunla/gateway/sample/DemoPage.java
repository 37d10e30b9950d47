package com.myunla.gateway.sample;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sample's demo page open in headless Chromium, driven by the Node.js script
 * {@value #SCRIPT_DIRECTORY}/{@value #SCRIPT} with {@code playwright-core}. The script
 * reports what the page shows and acts on commands, one JSON or command line at a time
 * over its standard output and input (the script's header describes them), so that the
 * test decides what happens when.
 */
final class DemoPage implements AutoCloseable {

	static final String SCRIPT_DIRECTORY = "src/test/browser";

	static final String SCRIPT = "demo-page.mjs";

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Duration STEP_TIMEOUT = Duration.ofSeconds(90);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Process process;

	private final Writer commands;

	private final BlockingQueue<String> reports = new LinkedBlockingQueue<>();

	private final Path log;

	private DemoPage(Process process, Path log) {
		this.process = process;
		this.log = log;
		this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
		Thread reader = new Thread(this::readReports, "demo-page-reports");
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Returns what is missing to run the script: Node.js, Chromium, or its packages (run
	 * {@code npm ci} in {@value #SCRIPT_DIRECTORY}).
	 */
	static List<String> missingPrerequisites() {
		List<String> missing = new ArrayList<>();
		if (findOnPath("node") == null) {
			missing.add("node (Node.js) on the PATH");
		}
		if (!Files.isExecutable(CHROMIUM)) {
			missing.add(CHROMIUM + " (Debian's chromium)");
		}
		if (!Files.isRegularFile(Path.of(SCRIPT_DIRECTORY, "node_modules", "playwright-core", "package.json"))) {
			missing.add("playwright-core in " + SCRIPT_DIRECTORY + "/node_modules (npm ci there)");
		}
		return missing;
	}

	/**
	 * Opens the page at the root of the given base URI and waits until it shows its
	 * session with an open stream.
	 * @param baseUri where the page is served
	 * @param screenshot where {@link #screenshot()} writes the picture
	 * @return the page and the id of its session
	 */
	static DemoPage open(URI baseUri, Path screenshot) throws IOException {
		Path node = findOnPath("node");
		if (node == null) {
			throw new IllegalStateException("node not found on the PATH");
		}
		Files.createDirectories(screenshot.toAbsolutePath().getParent());
		Path log = screenshot.resolveSibling(SCRIPT + ".log");
		ProcessBuilder builder = new ProcessBuilder(node.toString(), SCRIPT, baseUri.toString(),
				screenshot.toAbsolutePath().toString())
			.directory(new File(SCRIPT_DIRECTORY))
			.redirectError(log.toFile());
		// The script runs the Chromium of the system; nothing may download a browser of
		// its own
		builder.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
		return new DemoPage(builder.start(), log);
	}

	/**
	 * Waits for the page's first report: its session with an open stream.
	 * @return the session id the page shows
	 */
	String session() {
		return String.valueOf(next(Report.class, "session").session());
	}

	/**
	 * Waits until the page's log holds at least the given number of entries and its
	 * stream is open.
	 * @param entries how many entries to wait for
	 * @return what the page shows then
	 */
	Shown awaitEntries(int entries) {
		command("expect " + entries);
		return next(Shown.class, "shown");
	}

	/**
	 * Takes a screenshot of the page.
	 * @return the file it was written to
	 */
	Path screenshot() {
		command("screenshot");
		return Path.of(String.valueOf(next(Report.class, "screenshot").path()));
	}

	/**
	 * Ends the script: closes the browser and waits for the script to exit.
	 * @return the script's exit status
	 */
	int finish() {
		try {
			this.commands.close();
			if (!this.process.waitFor(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				throw new IllegalStateException("The page script did not exit; its log:\n" + log());
			}
			return this.process.exitValue();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Returns what the script printed on its standard error, such as the page's console.
	 * @return the log
	 */
	String log() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			return "(cannot read " + this.log + ": " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

	private void command(String line) {
		try {
			this.commands.write(line + "\n");
			this.commands.flush();
		}
		catch (IOException ex) {
			throw new IllegalStateException("The page script does not take commands any more; its log:\n" + log(), ex);
		}
	}

	private <T extends Event> T next(Class<T> type, String event) {
		String line;
		try {
			line = this.reports.poll(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		if (line == null) {
			throw new IllegalStateException("No '" + event + "' report from the page script within "
					+ STEP_TIMEOUT.toSeconds() + " s (alive: " + this.process.isAlive() + "); its log:\n" + log());
		}
		T report = json.readValue(line, type);
		if (!event.equals(report.event())) {
			throw new IllegalStateException(
					"Expected a '" + event + "' report from the page script but got " + line + "; its log:\n" + log());
		}
		return report;
	}

	private void readReports() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				this.reports.add(line);
			}
		}
		catch (IOException ex) {
			// The process ended; next() reports the missing answer with the script's log
		}
	}

	private static @Nullable Path findOnPath(String name) {
		String path = System.getenv("PATH");
		if (path == null) {
			return null;
		}
		for (String directory : path.split(File.pathSeparator)) {
			Path candidate = Path.of(directory, name);
			if (!directory.isEmpty() && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	private interface Event {

		String event();

	}

	/**
	 * A report of the script that carries a session id or a file.
	 */
	record Report(String event, @Nullable String session, @Nullable String path) implements Event {
	}

	/**
	 * What the page shows: the session id, the stream's state and the log, oldest entry
	 * first; and the URL of every stream it opened.
	 */
	record Shown(String event, String session, String state, List<String> log, List<URI> streams) implements Event {

		/**
		 * Returns the event ids of the log's entries that have one.
		 * @return the ids, oldest first
		 */
		List<String> ids() {
			return this.log.stream()
				.filter((entry) -> entry.startsWith("#") && !entry.startsWith("#-"))
				.map((entry) -> entry.substring(1, entry.indexOf(' ')))
				.toList();
		}

		/**
		 * Returns the data of the log's {@code message} events, or the whole entry for
		 * other entries.
		 * @return one item per log entry
		 */
		List<String> messages() {
			return this.log.stream().map((entry) -> {
				int at = entry.indexOf(" message: ");
				return (entry.startsWith("#") && at >= 0) ? entry.substring(at + " message: ".length()) : entry;
			}).toList();
		}

	}

}
