package com.myunla.gateway.session.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;

/**
 * A plain Lettuce connection for housekeeping: flushing Redis between scenarios and
 * reading its memory use and version. Not on any measured path.
 */
final class RedisAdmin implements AutoCloseable {

	private static final Pattern USED_MEMORY = Pattern.compile("^used_memory:(\\d+)", Pattern.MULTILINE);

	private static final Pattern CPU = Pattern.compile("^used_cpu_(?:sys|user):([0-9.]+)", Pattern.MULTILINE);

	private static final Pattern COMMAND_STATS = Pattern.compile("^cmdstat_(\\S+?):calls=(\\d+),usec=(\\d+)",
			Pattern.MULTILINE);

	private static final Pattern VERSION = Pattern.compile("^redis_version:(\\S+)", Pattern.MULTILINE);

	private final RedisClient client;

	private final StatefulRedisConnection<String, String> connection;

	private final RedisCommands<String, String> commands;

	RedisAdmin(RedisURI uri) {
		this.client = RedisClient.create(uri);
		this.connection = this.client.connect();
		this.commands = this.connection.sync();
	}

	void flushAll() {
		this.commands.flushall();
	}

	long usedMemory() {
		return Long.parseLong(find(USED_MEMORY, this.commands.info("memory")));
	}

	/**
	 * Returns the CPU time the Redis server used so far, system and user, all its
	 * threads.
	 * @return the CPU time in microseconds
	 */
	long cpuMicros() {
		Matcher matcher = CPU.matcher(this.commands.info("cpu"));
		double seconds = 0;
		while (matcher.find()) {
			seconds += Double.parseDouble(matcher.group(1));
		}
		return Math.round(seconds * 1e6);
	}

	/**
	 * Returns the calls and the time spent executing them, per command, since Redis
	 * started. Commands that scripts run are counted under their own names as well as
	 * under the script's {@code evalsha}.
	 * @return the statistics by lower-case command name
	 */
	Map<String, CommandStats> commandStats() {
		Map<String, CommandStats> stats = new LinkedHashMap<>();
		Matcher matcher = COMMAND_STATS.matcher(this.commands.info("commandstats"));
		while (matcher.find()) {
			stats.put(matcher.group(1),
					new CommandStats(Long.parseLong(matcher.group(2)), Long.parseLong(matcher.group(3))));
		}
		return stats;
	}

	/**
	 * Returns the bytes a key and its value take, counting every element of aggregate
	 * values.
	 * @param key the key
	 * @return the bytes, or 0 if the key does not exist
	 */
	long memoryUsage(String key) {
		// SAMPLES 0 counts every element; Lettuce's memoryUsage(key) samples five, which
		// for a hash with one
		// large field among small ones gives anything from a third to the whole of its
		// size.
		Long usage = this.commands.dispatch(CommandType.MEMORY, new IntegerOutput<>(StringCodec.UTF8),
				new CommandArgs<>(StringCodec.UTF8).add("USAGE").addKey(key).add("SAMPLES").add(0));
		return (usage != null) ? usage : 0;
	}

	/**
	 * Sends a command that does nothing but can be recognised in the server's
	 * {@code MONITOR} output.
	 * @param marker the text to echo
	 */
	void echo(String marker) {
		this.commands.echo(marker);
	}

	String version() {
		return find(VERSION, this.commands.info("server"));
	}

	private static String find(Pattern pattern, String info) {
		Matcher matcher = pattern.matcher(info);
		if (!matcher.find()) {
			throw new IllegalStateException("Unexpected INFO reply: " + pattern.pattern() + " not found");
		}
		return matcher.group(1);
	}

	@Override
	public void close() {
		this.connection.close();
		this.client.shutdown();
	}

	/**
	 * Calls of one command and the time Redis spent executing them.
	 *
	 * @param calls the number of calls
	 * @param micros the execution time in microseconds
	 */
	record CommandStats(long calls, long micros) {

		static final CommandStats NONE = new CommandStats(0, 0);

	}

}
