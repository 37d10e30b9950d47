package com.myunla.gateway.session.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.myunla.gateway.session.redis.RedisStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import reactor.core.publisher.Flux;

/**
 * {@code redis_messages}: the Redis memory of a session that holds {@value #MESSAGES}
 * retained messages of {@value Fixtures#PAYLOAD_SIZE} bytes. Registers sessions with the
 * {@code lifecycle} scenario's {@code Meta} (no stream open), reads {@code used_memory},
 * sends each session its messages and reads it again; also reads {@code MEMORY USAGE} of
 * one session's keys. Baseline, in the same run, on a flushed Redis: the same messages in
 * a bare Redis stream per session ({@code XADD} of the data alone), the least a retained
 * log costs.
 *
 * <p>
 * Redis creates a stream's first node with room for {@code stream-node-max-bytes} (4,096
 * by default), which bounds what a session with a few messages takes. The scenario
 * measures the same with smaller nodes ({@link #SMALLER_NODES}, set with
 * {@code CONFIG SET} and restored afterwards), and what the setting costs a session whose
 * log holds the whole retention: a hundredth of the sessions, each sent
 * {@value #RETENTION} messages.
 */
final class RetainedMessagesScenario implements Scenario {

	static final int MESSAGES = 3;

	/** The store's default retention. */
	static final int RETENTION = 256;

	private static final int[] SMALLER_NODES = { 1024, 512 };

	private static final String NODE_BYTES = "stream-node-max-bytes";

	private static final int CONCURRENCY = 64;

	private static final byte[] FIELD = { 'd' };

	@Override
	public String name() {
		return "redis_messages";
	}

	@Override
	public Result run(BenchContext context) throws Exception {
		int sessions = context.mode().redisMemorySessions();
		RedisAdmin admin = context.admin();
		String nodes = admin.configGet(NODE_BYTES);
		Footprint store = measure(context, sessions);
		context.progress(String.format("store (%s %s): %s", NODE_BYTES, nodes, store));
		admin.flushAll();
		double rawBytes = rawBytes(context, sessions, (commands, key) -> Flux.range(0, MESSAGES)
			.concatMap((i) -> commands.xadd(key, FIELD, Fixtures.timestampedPayload())));
		context.progress(String.format("bare stream of %d messages: %,.0f bytes per session", MESSAGES, rawBytes));
		admin.flushAll();
		double listBytes = rawBytes(context, sessions, (commands, key) -> Flux.range(0, MESSAGES)
			.concatMap((i) -> commands.rpush(key, Fixtures.timestampedPayload())));
		context.progress(String.format("bare list of %d messages: %,.0f bytes per session", MESSAGES, listBytes));
		admin.flushAll();
		Result result = new Result(name()).figure("store_bytes_per_session", store.withMessages())
			.figure("store_bytes_per_empty_session", store.empty())
			.figure("raw_stream_bytes_per_session", rawBytes)
			.figure("raw_list_bytes_per_session", listBytes)
			.figure("meta_key_bytes", store.meta())
			.figure("log_key_bytes", store.log())
			.figure("store_bytes_per_session_full_log", store.withFullLog())
			.row("Redis bytes per session, " + MESSAGES + " retained messages", Stats.count(store.withMessages()),
					"bare stream of the messages " + Stats.count(rawBytes) + ", bare list " + Stats.count(listBytes))
			.row("Redis bytes per empty session", Stats.count(store.empty()), null)
			.row("MEMORY USAGE of one session: meta / log",
					Stats.count(store.meta()) + " / " + Stats.count(store.log()), null)
			.row("Redis bytes per session, " + RETENTION + " retained messages", Stats.count(store.withFullLog()),
					null);
		try {
			for (int nodeBytes : SMALLER_NODES) {
				admin.configSet(NODE_BYTES, Integer.toString(nodeBytes));
				Footprint smaller = measure(context, sessions);
				context.progress(String.format("store (%s %d): %s", NODE_BYTES, nodeBytes, smaller));
				result.figure("store_bytes_per_session_nodes_" + nodeBytes, smaller.withMessages())
					.figure("store_bytes_per_session_full_log_nodes_" + nodeBytes, smaller.withFullLog())
					.row(String.format("the same with %s %d: %d messages / %d messages (log key)", NODE_BYTES,
							nodeBytes, MESSAGES, RETENTION),
							Stats.count(smaller.withMessages()) + " / " + Stats.count(smaller.withFullLog()) + " ("
									+ Stats.count(smaller.log()) + ")",
							nodes + ": " + Stats.count(store.withMessages()) + " / "
									+ Stats.count(store.withFullLog()));
			}
		}
		finally {
			admin.configSet(NODE_BYTES, nodes);
			admin.flushAll();
		}
		double fullBytes = store.withMessages();
		return result.target("store_bytes_per_session <= 3,072", Stats.count(fullBytes), fullBytes <= 3072)
			.note(String.format("growth of used_memory over %,d sessions%s with the lifecycle Meta, each sent %d "
					+ "messages of %d bytes (%,d sessions sent %d each for the full log); baselines: XADD (RPUSH) of "
					+ "the same data to one bare stream (list) per session", sessions,
					(sessions < 100_000) ? " (fewer than the 100,000 of the full mode)" : "", MESSAGES,
					Fixtures.PAYLOAD_SIZE, fullLogSessions(sessions), RETENTION));
	}

	/**
	 * Measures the store's sessions on a flushed Redis: empty, with {@link #MESSAGES}
	 * messages, and (fewer of them) with a full log.
	 */
	private static Footprint measure(BenchContext context, int sessions) {
		RedisAdmin admin = context.admin();
		try (RedisStore store = context.redisStore("bench-messages")) {
			List<String> ids = new ArrayList<>(sessions);
			double empty = admin.registerSessions(store, sessions, ids);
			double messages = admin.memoryGrowth(sessions, () -> send(store, ids, MESSAGES));
			long meta = admin.memoryUsage("session:{" + ids.get(0) + "}:meta");
			long log = admin.memoryUsage("session:{" + ids.get(0) + "}:log");
			int few = fullLogSessions(sessions);
			List<String> fewIds = new ArrayList<>(few);
			double fewEmpty = admin.registerSessions(store, few, fewIds);
			double fullLog = admin.memoryGrowth(few, () -> send(store, fewIds, RETENTION));
			return new Footprint(empty, empty + messages, meta, log, fewEmpty + fullLog);
		}
	}

	private static int fullLogSessions(int sessions) {
		return Math.max(10, sessions / 100);
	}

	private static void send(RedisStore store, List<String> ids, int messages) {
		Flux.fromIterable(ids)
			.flatMap((id) -> Flux.range(0, messages).concatMap((i) -> store.send(id, Fixtures.timestampedMessage())),
					CONCURRENCY)
			.blockLast();
	}

	private static double rawBytes(BenchContext context, int sessions, Filler filler) {
		RedisClient client = RedisClient.create(context.redisUri());
		try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE)) {
			RedisReactiveCommands<byte[], byte[]> commands = connection.reactive();
			List<byte[]> keys = new ArrayList<>(sessions);
			for (int i = 0; i < sessions; i++) {
				keys.add(("raw:{" + Fixtures.newId() + "}:log").getBytes(StandardCharsets.UTF_8));
			}
			return context.admin()
				.memoryGrowth(sessions,
						() -> Flux.fromIterable(keys)
							.flatMap((key) -> filler.fill(commands, key), CONCURRENCY)
							.blockLast());
		}
		finally {
			client.shutdown();
		}
	}

	/**
	 * What a session takes in Redis, in bytes.
	 *
	 * @param empty per session, registered
	 * @param withMessages per session, with {@link #MESSAGES} messages
	 * @param meta {@code MEMORY USAGE} of one session's meta key
	 * @param log {@code MEMORY USAGE} of one session's log key
	 * @param withFullLog per session, with {@link #RETENTION} messages
	 */
	private record Footprint(double empty, double withMessages, long meta, long log, double withFullLog) {

		@Override
		public String toString() {
			return String.format(
					"%,.0f bytes per session with %d messages (%,.0f empty; MEMORY USAGE meta %,d, log %,d), "
							+ "%,.0f with %d",
					this.withMessages, MESSAGES, this.empty, this.meta, this.log, this.withFullLog, RETENTION);
		}

	}

	/**
	 * Writes the messages of one session to a bare key.
	 */
	@FunctionalInterface
	private interface Filler {

		Flux<?> fill(RedisReactiveCommands<byte[], byte[]> commands, byte[] key);

	}

}
