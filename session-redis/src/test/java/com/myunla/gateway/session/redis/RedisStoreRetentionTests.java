package com.myunla.gateway.session.redis;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The byte bound of a session's log in Redis: a session sending large messages keeps at
 * most {@code session.retention-bytes} of message data in Redis, and a stream resuming
 * from an entry trimmed for bytes is told with a gap notice, as for one trimmed for the
 * count.
 */
@RequiresRedis
class RedisStoreRetentionTests {

	private static final int LARGE = 64 * 1024;

	private static final DataSize RETENTION_BYTES = DataSize.ofMegabytes(1);

	private static final Consumer<RedisStoreBuilder> ONE_MEGABYTE = (builder) -> {
		builder.retentionBytes(RETENTION_BYTES.toBytes());
		builder.maxMessageSize(LARGE);
	};

	@RegisterExtension
	static final SingleRedisFleet redis = new SingleRedisFleet();

	@Test
	void sessionSendingLargeMessagesKeepsItsLogWithinTheRetentionBytes() {
		RedisStore store = redis.stores().start("a", ONE_MEGABYTE);
		Connection connection = store.register(RedisStoreTests.meta("s1")).block();
		for (int i = 0; i < 100; i++) {
			connection.send(new Message("large", new byte[LARGE])).block();
		}
		String log = redis.prefix() + ":{s1}:log";
		long entries = Long.parseLong(redis.command("XLEN", log).trim());
		// at most the retention's bytes, and at least seven eighths of them: the log is
		// trimmed an eighth further than needed, so that the next sends need not trim
		assertThat(entries * LARGE).isLessThanOrEqualTo(RETENTION_BYTES.toBytes())
			.isGreaterThanOrEqualTo(RETENTION_BYTES.toBytes() * 7 / 8);
		// Redis's own cost on top: an entry this large gets a node of its own, which the
		// allocator rounds up to its next size class (by less than a quarter), and the
		// entries' ids and event names
		long memory = Long.parseLong(redis.command("MEMORY", "USAGE", log, "SAMPLES", "0").trim());
		assertThat(memory).isLessThan(RETENTION_BYTES.toBytes() * 3 / 2);
	}

	@Test
	void resumeFromAnEntryTrimmedForBytesStartsWithAGapNotice() {
		RedisStore a = redis.stores().start("a", ONE_MEGABYTE);
		RedisStore b = redis.stores().start("b", ONE_MEGABYTE);
		Connection connection = a.register(RedisStoreTests.meta("s1")).block();
		connection.send(Message.of("first")).block();
		Recorder first = Recorder.record(connection.events()).awaitCount(1);
		String firstId = first.ids().get(0);
		first.cancel();
		for (int i = 0; i < 40; i++) {
			connection.send(Message.of("large", i + " " + "x".repeat(LARGE - 8))).block();
		}
		Recorder resumed = Recorder.record(b.get("s1").block().events(firstId))
			.awaitMatching(
					(deliveries) -> deliveries.size() > 1
							&& deliveries.get(deliveries.size() - 1).message().dataAsString().startsWith("39 "),
					Duration.ofSeconds(30));
		Delivery gap = resumed.deliveries().get(0);
		assertThat(gap.isGap()).as("first delivery %s", gap).isTrue();
		assertThat(gap.id()).isEqualTo(firstId);
		List<String> numbers = resumed.texts()
			.subList(1, resumed.deliveries().size())
			.stream()
			.map((text) -> text.split(" ", 2)[0])
			.toList();
		assertThat(numbers).hasSizeBetween(14, 16).last().isEqualTo("39");
		assertThat(Integer.parseInt(numbers.get(0)) + numbers.size()).isEqualTo(40);
	}

}
