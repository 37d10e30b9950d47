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
 */
final class RetainedMessagesScenario implements Scenario {

	static final int MESSAGES = 3;

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
		double emptyBytes;
		double fullBytes;
		long metaUsage;
		long logUsage;
		try (RedisStore store = context.redisStore("bench-messages")) {
			admin.flushAll();
			long before = admin.usedMemory();
			List<String> ids = Flux.range(0, sessions)
				.flatMap((i) -> store.register(Fixtures.meta(Fixtures.newId())), CONCURRENCY)
				.map((connection) -> connection.meta().id())
				.collectList()
				.block();
			long registered = admin.usedMemory();
			Flux.fromIterable(ids)
				.flatMap(
						(id) -> Flux.range(0, MESSAGES).concatMap((i) -> store.send(id, Fixtures.timestampedMessage())),
						CONCURRENCY)
				.blockLast();
			long filled = admin.usedMemory();
			emptyBytes = (registered - before) / (double) sessions;
			fullBytes = (filled - before) / (double) sessions;
			metaUsage = admin.memoryUsage("session:{" + ids.get(0) + "}:meta");
			logUsage = admin.memoryUsage("session:{" + ids.get(0) + "}:log");
		}
		context.progress(String.format(
				"store: %,.0f bytes per session with %d messages (%,.0f empty); " + "MEMORY USAGE meta %,d, log %,d",
				fullBytes, MESSAGES, emptyBytes, metaUsage, logUsage));
		admin.flushAll();
		double rawBytes = rawBytes(context, sessions, (commands, key) -> Flux.range(0, MESSAGES)
			.concatMap((i) -> commands.xadd(key, FIELD, Fixtures.timestampedPayload())));
		context.progress(String.format("bare stream of %d messages: %,.0f bytes per session", MESSAGES, rawBytes));
		admin.flushAll();
		double listBytes = rawBytes(context, sessions, (commands, key) -> Flux.range(0, MESSAGES)
			.concatMap((i) -> commands.rpush(key, Fixtures.timestampedPayload())));
		context.progress(String.format("bare list of %d messages: %,.0f bytes per session", MESSAGES, listBytes));
		admin.flushAll();
		return new Result(name()).figure("store_bytes_per_session", fullBytes)
			.figure("store_bytes_per_empty_session", emptyBytes)
			.figure("raw_stream_bytes_per_session", rawBytes)
			.figure("raw_list_bytes_per_session", listBytes)
			.figure("meta_key_bytes", metaUsage)
			.figure("log_key_bytes", logUsage)
			.row("Redis bytes per session, " + MESSAGES + " retained messages", Stats.count(fullBytes),
					"bare stream of the messages " + Stats.count(rawBytes) + ", bare list " + Stats.count(listBytes))
			.row("Redis bytes per empty session", Stats.count(emptyBytes), null)
			.row("MEMORY USAGE of one session: meta / log", Stats.count(metaUsage) + " / " + Stats.count(logUsage),
					null)
			.target("store_bytes_per_session <= 3,072", Stats.count(fullBytes), fullBytes <= 3072)
			.note(String.format("growth of used_memory over %,d sessions%s with the lifecycle Meta, each sent %d "
					+ "messages of %d bytes; baselines: XADD (RPUSH) of the same data to one bare stream (list) per "
					+ "session", sessions, (sessions < 100_000) ? " (fewer than the 100,000 of the full mode)" : "",
					MESSAGES, Fixtures.PAYLOAD_SIZE));
	}

	private static double rawBytes(BenchContext context, int sessions, Filler filler) {
		RedisClient client = RedisClient.create(context.redisUri());
		try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE)) {
			RedisReactiveCommands<byte[], byte[]> commands = connection.reactive();
			long before = context.admin().usedMemory();
			List<byte[]> keys = new ArrayList<>(sessions);
			for (int i = 0; i < sessions; i++) {
				keys.add(("raw:{" + Fixtures.newId() + "}:log").getBytes(StandardCharsets.UTF_8));
			}
			Flux.fromIterable(keys).flatMap((key) -> filler.fill(commands, key), CONCURRENCY).blockLast();
			return (context.admin().usedMemory() - before) / (double) sessions;
		}
		finally {
			client.shutdown();
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
