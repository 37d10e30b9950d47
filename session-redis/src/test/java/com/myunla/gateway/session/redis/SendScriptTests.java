package com.myunla.gateway.session.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code send.lua} run directly: a send whose nonce the session saw among its last sends
 * is not appended again, and only whole nonces count; a call with several messages
 * answers for each on its own and keeps their order.
 */
@RequiresRedis
class SendScriptTests {

	private static RedisSingle redis;

	private static String script;

	@BeforeAll
	static void startRedis() throws IOException {
		redis = RedisSingle.start();
		try (InputStream in = SendScriptTests.class.getResourceAsStream("send.lua")) {
			script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	@AfterAll
	static void stopRedis() {
		if (redis != null) {
			redis.close();
		}
	}

	@Test
	void sendWithARecentNonceIsStoredOnceAndReturnsTheLastId() {
		String meta = register("once");
		String first = send(meta, "once", "AAAAAAAA");
		String again = send(meta, "once", "AAAAAAAA");
		assertThat(again).isEqualTo(first);
		assertThat(redis.node().command("XLEN", "t:{once}:log")).isEqualTo("1");
	}

	@Test
	void nonceMatchingAcrossTwoRecentNoncesIsANewSend() {
		String meta = register("unaligned");
		send(meta, "unaligned", "xxxxABCD");
		send(meta, "unaligned", "EFGHyyyy");
		// the recent nonces are "EFGHyyyy" then "xxxxABCD": "yyyyxxxx" occurs in them,
		// but not as one nonce
		String third = send(meta, "unaligned", "yyyyxxxx");
		assertThat(redis.node().command("XLEN", "t:{unaligned}:log")).isEqualTo("3");
		assertThat(send(meta, "unaligned", "xxxxABCD")).isEqualTo(third);
		assertThat(redis.node().command("XLEN", "t:{unaligned}:log")).isEqualTo("3");
	}

	@Test
	void batchAnswersForEachMessageOnItsOwn() {
		String live = register("live");
		register("other");
		redis.node().command("SET", "t:{damaged}:meta", "not a hash");
		String[] results = call(List.of(message(live, "live", "reg", "AAAAAAAA", "one"),
				message("t:{gone}:meta", "gone", "reg", "BBBBBBBB", "lost"),
				message("t:{other}:meta", "other", "another registration", "CCCCCCCC", "refused"),
				message("t:{damaged}:meta", "damaged", "reg", "DDDDDDDD", "broken"),
				message(live, "live", "reg", "EEEEEEEE", "two")))
			.split("\n", -1);
		assertThat(results).hasSize(5);
		assertThat(results[1]).as("gone session").isEmpty();
		assertThat(results[2]).as("another registration").isEmpty();
		assertThat(results[3]).as("damaged session").startsWith("!WRONGTYPE");
		assertThat(results[0]).isNotEmpty().isLessThan(results[4]);
		assertThat(redis.node().command("XRANGE", "t:{live}:log", "-", "+")).contains("one")
			.contains("two")
			.matches("(?s).*one.*two.*");
		assertThat(redis.node().command("HGET", live, "l")).isEqualTo(results[4]);
		assertThat(redis.node().command("EXISTS", "t:{other}:log")).isEqualTo("0");
	}

	@Test
	void batchRunTwiceStoresEachMessageOnce() {
		String first = register("twice1");
		String second = register("twice2");
		List<List<String>> batch = List.of(message(first, "twice1", "reg", "FFFFFFFF", "a"),
				message(second, "twice2", "reg", "GGGGGGGG", "b"), message(first, "twice1", "reg", "HHHHHHHH", "c"));
		String ids = call(batch);
		call(batch);
		assertThat(redis.node().command("XLEN", "t:{twice1}:log")).isEqualTo("2");
		assertThat(redis.node().command("XLEN", "t:{twice2}:log")).isEqualTo("1");
		assertThat(ids.split("\n")).hasSize(3).doesNotContain("");
	}

	@Test
	void logEvictedWhileItsSessionLivesComesBackWithAnExpiry() {
		String meta = register("evicted");
		send(meta, "evicted", "IIIIIIII");
		// Redis evicted the log (maxmemory with an allkeys policy) but not the meta; the
		// next send comes within the slide interval of the first, which skips the expiry
		redis.node().command("DEL", "t:{evicted}:log");
		send(meta, "evicted", "JJJJJJJJ");
		assertThat(redis.node().command("XLEN", "t:{evicted}:log")).isEqualTo("1");
		assertThat(Long.parseLong(redis.node().command("PTTL", "t:{evicted}:log"))).as("expiry of the new log")
			.isPositive();
	}

	@Test
	void logBeyondTheRetentionBytesLosesItsOldestEntriesDownToSevenEighths() {
		String meta = register("bytes");
		for (int i = 0; i < 20; i++) {
			call(List.of(message(meta, "bytes", "reg", String.format("%08d", i), "x".repeat(100_000))), "256",
					"1000000");
		}
		// 10 entries of 100,000 bytes fill the 1,000,000; the 11th trims the log to at
		// most 875,000 (8 entries), and so does every third send after it: the 20th
		assertThat(redis.node().command("XLEN", "t:{bytes}:log")).isEqualTo("8");
		assertThat(redis.node().command("HMGET", meta, "b", "k")).isEqualTo("800000\n8");
	}

	@Test
	void logBeyondTheRetentionLosesItsOldestEntriesDownToTheRetention() {
		String meta = register("count");
		for (int i = 0; i < 20; i++) {
			call(List.of(message(meta, "count", "reg", String.format("%08d", i), "m" + i)), "8", "1000000");
		}
		// 9 entries are within an eighth more than 8; the 10th trims the log to 8, and so
		// does every second send after it: the 20th
		assertThat(redis.node().command("XLEN", "t:{count}:log")).isEqualTo("8");
		assertThat(redis.node().command("XRANGE", "t:{count}:log", "-", "+", "COUNT", "1")).contains("m12");
	}

	@Test
	void entryLargerThanAnEighthOfTheRetentionBytesStaysAsTheNewest() {
		String meta = register("newest");
		call(List.of(message(meta, "newest", "reg", "AAAAAAAA", "x".repeat(600))), "256", "1000");
		call(List.of(message(meta, "newest", "reg", "BBBBBBBB", "y".repeat(1000))), "256", "1000");
		assertThat(redis.node().command("XLEN", "t:{newest}:log")).isEqualTo("1");
		assertThat(redis.node().command("XRANGE", "t:{newest}:log", "-", "+")).contains("yyy");
		assertThat(redis.node().command("HMGET", meta, "b", "k")).isEqualTo("1000\n1");
	}

	private static String register(String id) {
		String meta = "t:{" + id + "}:meta";
		redis.node().command("HSET", meta, "m", "{}", "o", "", "t", "", "l", "0-0", "c", "0-0", "r", "reg");
		return meta;
	}

	private static String send(String meta, String id, String nonce) {
		return call(List.of(message(meta, id, "reg", nonce, "data")));
	}

	private static List<String> message(String meta, String id, String registration, String nonce, String data) {
		return List.of(meta, "t:{" + id + "}:log", "message", data, id, registration, nonce, "");
	}

	/**
	 * Runs the script for messages given as meta key, log key, event, data, session id,
	 * registration token, nonce and headers.
	 */
	private static String call(List<List<String>> messages) {
		return call(messages, "256", "1000000");
	}

	/**
	 * Runs the script with a retention in messages and in bytes.
	 */
	private static String call(List<List<String>> messages, String retention, String retentionBytes) {
		List<String> command = new ArrayList<>(List.of("EVAL", script, Integer.toString(2 * messages.size())));
		messages.forEach((message) -> command.addAll(message.subList(0, 2)));
		command.addAll(List.of("60000", retention, "t_updates:", "1000", "", retentionBytes));
		messages.forEach((message) -> command.addAll(message.subList(2, 8)));
		return redis.node().command(command.toArray(String[]::new));
	}

}
