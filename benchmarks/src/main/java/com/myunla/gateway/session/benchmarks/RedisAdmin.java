package com.myunla.gateway.session.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.myunla.gateway.session.Store;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import reactor.core.publisher.Flux;

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

	private static final int CONCURRENCY = 64;

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
	 * Runs some work and returns the growth of Redis's {@code used_memory} it caused, per
	 * item it stored.
	 * @param items what the growth is divided by (for example the sessions the work
	 * registered)
	 * @param work the work, which returns when Redis has done it
	 * @return the bytes per item
	 */
	double memoryGrowth(int items, Runnable work) {
		long before = usedMemory();
		work.run();
		return (usedMemory() - before) / (double) items;
	}

	/**
	 * Registers sessions with the {@code lifecycle} scenario's {@code Meta} on a flushed
	 * Redis and returns what they take there.
	 * @param store the store to register with
	 * @param sessions how many sessions to register
	 * @param ids receives the ids of the registered sessions
	 * @return the growth of {@code used_memory} per session
	 */
	double registerSessions(Store store, int sessions, List<String> ids) {
		flushAll();
		return memoryGrowth(sessions,
				() -> ids.addAll(Flux.range(0, sessions)
					.flatMap((i) -> store.register(Fixtures.meta(Fixtures.newId())), CONCURRENCY)
					.map((connection) -> connection.meta().id())
					.collectList()
					.block()));
	}

	/**
	 * Returns a server configuration parameter ({@code CONFIG GET}).
	 * @param name the parameter
	 * @return its value
	 */
	String configGet(String name) {
		return this.commands.configGet(name).get(name);
	}

	/**
	 * Sets a server configuration parameter ({@code CONFIG SET}).
	 * @param name the parameter
	 * @param value its new value
	 */
	void configSet(String name, String value) {
		this.commands.configSet(name, value);
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
		// for a hash with one large field among small ones gives anything from a third to
		// the whole of its size.
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
