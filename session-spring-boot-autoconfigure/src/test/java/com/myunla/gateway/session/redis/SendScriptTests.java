package com.myunla.gateway.session.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code send.lua} run directly: a send whose nonce the session saw among its last sends
 * is not appended again, and only whole nonces count.
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
		// but
		// not as one nonce
		String third = send(meta, "unaligned", "yyyyxxxx");
		assertThat(redis.node().command("XLEN", "t:{unaligned}:log")).isEqualTo("3");
		assertThat(send(meta, "unaligned", "xxxxABCD")).isEqualTo(third);
		assertThat(redis.node().command("XLEN", "t:{unaligned}:log")).isEqualTo("3");
	}

	private static String register(String id) {
		String meta = "t:{" + id + "}:meta";
		redis.node().command("HSET", meta, "m", "{}", "o", "", "t", "", "l", "0-0", "c", "0-0", "r", "reg");
		return meta;
	}

	private static String send(String meta, String id, String nonce) {
		return redis.node()
			.command("EVAL", script, "2", meta, "t:{" + id + "}:log", "message", "data", "60000", "256", "t_updates:",
					id, "1000", "reg", nonce, "");
	}

}
