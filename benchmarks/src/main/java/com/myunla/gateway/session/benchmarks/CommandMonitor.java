package com.myunla.gateway.session.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Counts the commands that clients send to Redis, by name, from the server's
 * {@code MONITOR} feed. Unlike {@code INFO commandstats}, which also counts every command
 * a Lua script runs, the feed marks those with {@code [0 lua]}, so a script call counts
 * once here: the figure is the number of requests clients made.
 *
 * <p>
 * Lettuce has no {@code MONITOR} support, so this reads the feed over a plain socket (no
 * TLS, no ACL user: the benchmark's own Redis). Counts are exact at {@link #mark()},
 * which sends a marker command through the housekeeping connection and waits until the
 * feed shows it.
 */
final class CommandMonitor implements AutoCloseable {

	private static final Duration MARK_TIMEOUT = Duration.ofSeconds(30);

	private static final String MARKER_PREFIX = "bench-monitor-mark-";

	private final Socket socket;

	private final RedisAdmin admin;

	private final Map<String, Long> counts = new ConcurrentHashMap<>();

	private final Map<String, CompletableFuture<Map<String, Long>>> marks = new ConcurrentHashMap<>();

	private final Thread reader;

	/**
	 * Connects and starts reading the feed.
	 * @param host the Redis host
	 * @param port the Redis port
	 * @param admin the connection that sends the markers
	 * @throws IOException if Redis cannot be reached
	 */
	CommandMonitor(String host, int port, RedisAdmin admin) throws IOException {
		this.admin = admin;
		this.socket = new Socket(host, port);
		OutputStream out = this.socket.getOutputStream();
		out.write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
		out.flush();
		BufferedReader in = new BufferedReader(
				new InputStreamReader(this.socket.getInputStream(), StandardCharsets.ISO_8859_1), 1 << 16);
		String first = in.readLine();
		if (!"+OK".equals(first)) {
			this.socket.close();
			throw new IOException("MONITOR refused: " + first);
		}
		this.reader = new Thread(() -> read(in), "bench-monitor");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/**
	 * Returns the counts of client commands so far, once every command sent before this
	 * call was counted.
	 * @return the number of calls by lower-case command name; the markers themselves are
	 * not counted
	 * @throws Exception if the feed does not show the marker in time
	 */
	Map<String, Long> mark() throws Exception {
		String marker = MARKER_PREFIX + UUID.randomUUID();
		CompletableFuture<Map<String, Long>> seen = new CompletableFuture<>();
		this.marks.put(marker, seen);
		this.admin.echo(marker);
		return seen.get(MARK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Returns the calls per command between two marks, and their sum under the key
	 * {@code "total"}.
	 * @param before the earlier mark
	 * @param after the later mark
	 * @return the differences, for the commands that were called
	 */
	static Map<String, Long> difference(Map<String, Long> before, Map<String, Long> after) {
		Map<String, Long> difference = new TreeMap<>();
		long total = 0;
		for (Map.Entry<String, Long> entry : after.entrySet()) {
			long calls = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
			if (calls > 0) {
				difference.put(entry.getKey(), calls);
				total += calls;
			}
		}
		difference.put("total", total);
		return difference;
	}

	private void read(BufferedReader in) {
		try {
			String line;
			while ((line = in.readLine()) != null) {
				count(line);
			}
		}
		catch (IOException ex) {
			// closed
		}
	}

	/**
	 * Counts one line of the feed, such as
	 * {@code +1795562905.776 [0 127.0.0.1:41400] "evalsha" "..." ...}.
	 */
	private void count(String line) {
		int open = line.indexOf('[');
		int close = line.indexOf(']', open + 1);
		if (open < 0 || close < 0 || line.startsWith(" lua]", close - 4)) {
			return;
		}
		int start = line.indexOf('"', close) + 1;
		int end = line.indexOf('"', start);
		if (start <= 0 || end < 0) {
			return;
		}
		String command = line.substring(start, end).toLowerCase(Locale.ROOT);
		if (command.equals("echo")) {
			int markerStart = line.indexOf(MARKER_PREFIX, end);
			if (markerStart >= 0) {
				String marker = line.substring(markerStart, line.indexOf('"', markerStart));
				CompletableFuture<Map<String, Long>> seen = this.marks.remove(marker);
				if (seen != null) {
					seen.complete(Map.copyOf(this.counts));
				}
				return;
			}
		}
		this.counts.merge(command, 1L, Long::sum);
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
