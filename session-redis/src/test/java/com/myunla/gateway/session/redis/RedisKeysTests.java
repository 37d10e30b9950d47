package com.myunla.gateway.session.redis;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisKeys}: a session's keys share its id as a hash tag, so they share
 * a cluster slot.
 */
class RedisKeysTests {

	private final RedisKeys keys = new RedisKeys("session", "session_updates");

	@Test
	void sessionKeysCarryTheIdAsHashTag() {
		assertThat(text(this.keys.meta("s1"))).isEqualTo("session:{s1}:meta");
		assertThat(text(this.keys.log("s1"))).isEqualTo("session:{s1}:log");
		assertThat(text(this.keys.index())).isEqualTo("session:index");
	}

	@Test
	void channelsArePerInstance() {
		assertThat(this.keys.channelPrefix()).isEqualTo("session_updates:");
		assertThat(this.keys.channel("gw-1")).isEqualTo("session_updates:gw-1");
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
