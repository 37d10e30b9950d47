package com.myunla.gateway.session.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short-lived tool ({@code redis-cli}, {@code openssl}, {@code kill}) to
 * completion and captures what it printed. The output goes through a file rather than a
 * pipe, so that a chatty tool cannot block on a full pipe and a hung one is still killed
 * at the deadline.
 *
 * @param exitCode the tool's exit code
 * @param output what the tool printed on standard output and standard error
 */
record ExternalCommand(int exitCode, String output) {

	/**
	 * Runs a tool.
	 * @param directory the working directory, which also receives the output file
	 * @param timeout how long the tool may run before it is killed
	 * @param command the executable and its arguments
	 * @return the exit code and output
	 * @throws IllegalStateException if the tool cannot be started or outlives the timeout
	 */
	static ExternalCommand run(Path directory, Duration timeout, List<String> command) {
		Path output = null;
		try {
			output = Files.createTempFile(directory, "command-", ".out");
			Process process = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			Reaper.track(process);
			try {
				if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
					throw new IllegalStateException("'" + String.join(" ", command) + "' did not finish within "
							+ timeout.toMillis() + " ms; output:\n" + Files.readString(output, StandardCharsets.UTF_8));
				}
			}
			finally {
				Reaper.forget(process);
			}
			return new ExternalCommand(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot run '" + String.join(" ", command) + "'", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running '" + String.join(" ", command) + "'", ex);
		}
		finally {
			if (output != null) {
				try {
					Files.deleteIfExists(output);
				}
				catch (IOException ex) {
					// The file lives in the group's temporary directory, which is deleted
					// on close.
				}
			}
		}
	}

	/**
	 * Runs a tool that must succeed.
	 * @param directory the working directory
	 * @param timeout how long the tool may run
	 * @param command the executable and its arguments
	 * @return the output
	 * @throws IllegalStateException if the tool fails, with its output
	 */
	static String runChecked(Path directory, Duration timeout, List<String> command) {
		ExternalCommand result = run(directory, timeout, command);
		if (result.exitCode() != 0) {
			throw new IllegalStateException("'" + String.join(" ", command) + "' failed with exit code "
					+ result.exitCode() + "; output:\n" + result.output());
		}
		return result.output();
	}

}
