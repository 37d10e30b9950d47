package com.example.firstapp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code curl} commands of the README's first app, run exactly as written but for the
 * port with the real {@code curl}, expecting what the README says they print.
 */
final class ReadmeFirstAppCommands implements AutoCloseable {

	private static final Pattern SECTION = Pattern.compile("(?s)\n## A first app\n(.*?)\n## ");

	private static final Pattern CONSOLE_BLOCK = Pattern.compile("(?s)```console\n(.*?)```");

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final int port;

	private final List<Process> processes = new ArrayList<>();

	ReadmeFirstAppCommands(int port) {
		this.port = port;
	}

	/**
	 * Runs the commands in the README's order, the stream in the background, and expects
	 * what the README says they print.
	 * @param eventIds turns the event ids the stream printed into those of the README
	 * (the memory store's)
	 * @throws Exception if a command could not be run
	 */
	void printWhatTheReadmeSays(UnaryOperator<String> eventIds) throws Exception {
		List<Command> commands = commands();
		assertThat(commands).hasSizeGreaterThanOrEqualTo(4);
		List<Streaming> streams = new ArrayList<>();
		for (Command command : commands) {
			if (command.line().contains(" -N ")) {
				streams.add(new Streaming(command, start(command)));
			}
			else {
				Process process = start(command);
				assertThat(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as(command.line()).isTrue();
				String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				assertThat(endLine(output)).as(command.line()).isEqualTo(command.output());
				assertThat(process.exitValue()).as(command.line()).isZero();
			}
		}
		assertThat(streams).hasSize(1);
		for (Streaming stream : streams) {
			assertThat(eventIds.apply(stream.read(stream.command().output().lines().count())))
				.as(stream.command().line())
				.isEqualTo(stream.command().output());
		}
	}

	@Override
	public void close() {
		this.processes.forEach(Process::destroy);
	}

	// A terminal shows output that does not end its last line (a JSON answer's) as if it
	// did, and so does the README
	private static String endLine(String output) {
		return (output.isEmpty() || output.endsWith("\n")) ? output : output + "\n";
	}

	private Process start(Command command) throws IOException {
		String line = command.line().replace("localhost:8080", "localhost:" + this.port);
		Process process = new ProcessBuilder("sh", "-c", "exec " + line).redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		this.processes.add(process);
		return process;
	}

	// Each "$ " line of a console block is a command; the lines up to the next command
	// are what it prints
	private static List<Command> commands() throws IOException {
		Matcher section = SECTION.matcher(Files.readString(Path.of("../README.md")));
		assertThat(section.find()).as("README has a section 'A first app'").isTrue();
		List<Command> commands = new ArrayList<>();
		Matcher blocks = CONSOLE_BLOCK.matcher(section.group(1));
		while (blocks.find()) {
			String line = null;
			StringBuilder output = new StringBuilder();
			for (String text : blocks.group(1).split("\n", -1)) {
				if (text.startsWith("$ ")) {
					if (line != null) {
						commands.add(new Command(line, output.toString()));
					}
					line = text.substring(2);
					output.setLength(0);
				}
				else if (line != null) {
					output.append(text).append('\n');
				}
			}
			if (line != null) {
				// The block's last line break ends the fence, not the output
				commands.add(new Command(line, output.substring(0, Math.max(0, output.length() - 1))));
			}
		}
		return commands;
	}

	record Command(String line, String output) {
	}

	record Streaming(Command command, Process process) {

		// Reads lines until the expected number of them (keep-alive comments aside)
		// came, or the deadline passed
		String read(long lines) throws InterruptedException {
			BlockingQueue<String> queue = new LinkedBlockingQueue<>();
			Thread reader = new Thread(() -> {
				try (BufferedReader in = new BufferedReader(
						new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
					String line;
					while ((line = in.readLine()) != null) {
						queue.add(line);
					}
				}
				catch (IOException ex) {
					// The process was stopped
				}
			});
			reader.setDaemon(true);
			reader.start();
			StringBuilder read = new StringBuilder();
			long deadline = System.nanoTime() + TIMEOUT.toNanos();
			long count = 0;
			while (count < lines) {
				String line = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				if (line == null) {
					break;
				}
				if (!line.startsWith(":")) {
					read.append(line).append('\n');
					count++;
				}
			}
			return read.toString();
		}

	}

}
