package com.myunla.gateway.session.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * The {@code redis-server} process of a {@link RedisNode}: launching it with the node's
 * configuration file, its output appended to the node's log, and the signals and waits
 * that stop, kill, pause and resume it. Not thread-safe: its node calls it under the
 * node's monitor.
 */
final class NodeProcess {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private static final int LOG_TAIL_LINES = 40;

	private final String description;

	private final ServerKind kind;

	private final RedisNode.Mode mode;

	private final Path directory;

	private final Path configFile;

	private final Path logFile;

	private @Nullable Process process;

	private boolean paused;

	/**
	 * Creates the control of a node's process, without starting it.
	 * @param description the node as messages name it, such as
	 * {@code Redis master at 127.0.0.1:6379}
	 */
	NodeProcess(String description, ServerKind kind, RedisNode.Mode mode, Path directory, Path configFile,
			Path logFile) {
		this.description = description;
		this.kind = kind;
		this.mode = mode;
		this.directory = directory;
		this.configFile = configFile;
		this.logFile = logFile;
	}

	boolean isRunning() {
		Process process = this.process;
		return process != null && process.isAlive();
	}

	/**
	 * Returns the running process.
	 * @throws IllegalStateException if the node is not running
	 */
	Process running() {
		Process process = this.process;
		if (process == null || !process.isAlive()) {
			throw new IllegalStateException(this.description + " is not running");
		}
		return process;
	}

	/**
	 * Starts the process and waits until the probe answers.
	 * @param ping answers once the node accepts commands, fails while it does not
	 * @throws PortInUseException if another process took the node's port
	 * @throws IllegalStateException if the node does not come up in time, with the end of
	 * its log
	 */
	void launch(Polling.Probe<?> ping) {
		long logStart = fileSize(this.logFile);
		List<String> command = new ArrayList<>(
				List.of(RedisBinaries.server(this.kind).toString(), this.configFile.toString()));
		if (this.mode == RedisNode.Mode.SENTINEL) {
			command.add("--sentinel");
		}
		Process process;
		try {
			process = new ProcessBuilder(command).directory(this.directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(Redirect.appendTo(this.logFile.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + this.description, ex);
		}
		Reaper.track(process);
		this.process = process;
		this.paused = false;
		try {
			Polling.await(this.description + " to answer PING", STARTUP_TIMEOUT, () -> {
				if (!process.isAlive()) {
					throw new Polling.Abort(this.description + " exited with code " + process.exitValue());
				}
				return ping.poll();
			});
		}
		catch (RuntimeException ex) {
			process.destroyForcibly();
			awaitExit(process);
			String log = readFrom(this.logFile, logStart);
			if (log.contains("Address already in use")) {
				throw new PortInUseException(this.description, ex);
			}
			String tail = tail(log);
			System.err.println(this.description + " did not start; last lines of " + this.logFile + ":\n" + tail);
			throw new IllegalStateException(ex.getMessage() + "; last lines of " + this.logFile + ":\n" + tail, ex);
		}
	}

	/**
	 * Kills the running process with {@code SIGKILL} and waits until it is gone.
	 */
	void kill() {
		Process process = running();
		process.destroyForcibly();
		awaitExit(process);
	}

	/**
	 * Freezes the running process with {@code SIGSTOP}, or lets it go on with
	 * {@code SIGCONT}.
	 */
	void pause(boolean paused) {
		signal(running(), paused ? "STOP" : "CONT");
		this.paused = paused;
	}

	/**
	 * Stops the process with {@code SIGTERM} (resuming it first if paused), or
	 * {@code SIGKILL} if it does not exit in time, and waits until it is gone. Does
	 * nothing if there is no process.
	 */
	void stop() {
		Process process = this.process;
		if (process == null) {
			return;
		}
		if (process.isAlive()) {
			if (this.paused) {
				// A stopped process acts on SIGTERM only once continued.
				signal(process, "CONT");
			}
			process.destroy();
			if (!waitFor(process, STOP_TIMEOUT)) {
				process.destroyForcibly();
			}
		}
		awaitExit(process);
	}

	private void awaitExit(Process process) {
		if (!waitFor(process, STOP_TIMEOUT)) {
			throw new IllegalStateException(this.description + " (pid " + process.pid() + ") did not exit within "
					+ STOP_TIMEOUT.toSeconds() + " s");
		}
		Reaper.forget(process);
		this.process = null;
		this.paused = false;
	}

	private void signal(Process process, String signal) {
		ExternalCommand.runChecked(this.directory, STOP_TIMEOUT,
				List.of("kill", "-" + signal, Long.toString(process.pid())));
	}

	private static boolean waitFor(Process process, Duration timeout) {
		try {
			return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for Redis (pid " + process.pid() + ")", ex);
		}
	}

	private static long fileSize(Path file) {
		try {
			return Files.exists(file) ? Files.size(file) : 0;
		}
		catch (IOException ex) {
			return 0;
		}
	}

	private static String readFrom(Path file, long offset) {
		try {
			byte[] bytes = Files.readAllBytes(file);
			int start = (int) Math.min(offset, bytes.length);
			return new String(Arrays.copyOfRange(bytes, start, bytes.length), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "(cannot read " + file + ": " + ex.getMessage() + ")";
		}
	}

	private static String tail(String log) {
		List<String> lines = log.lines().toList();
		return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
	}

	/**
	 * Thrown when Redis could not bind its port because another process took it after it
	 * was picked.
	 */
	static final class PortInUseException extends IllegalStateException {

		PortInUseException(String node, Throwable cause) {
			super("Port of " + node + " is already in use", cause);
		}

	}

}
