package com.myunla.gateway.session.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store's Lua scripts run on clusters that refuse a script's access to keys of two
 * slots, as managed clusters do whatever the script declares: no script asks Redis for
 * cross-slot access, and every script has a shebang, without which Redis 7.0 lets a
 * script reach any key of its node (so that the cluster tests would not notice an access
 * to another slot; {@code RedisStoreClusterTests} shows that none happens).
 */
class LuaScriptTests {

	private static final Path SCRIPTS = Path.of("src/main/resources/com/myunla/gateway/session/redis");

	@Test
	void everyScriptHasAShebangAndAsksForNoCrossSlotAccess() throws IOException {
		List<Path> scripts;
		try (Stream<Path> files = Files.list(SCRIPTS)) {
			scripts = files.filter((file) -> file.toString().endsWith(".lua")).toList();
		}
		assertThat(scripts).hasSizeGreaterThanOrEqualTo(11);
		for (Path script : scripts) {
			String text = Files.readString(script, StandardCharsets.UTF_8);
			assertThat(text).as(script.toString()).startsWith("#!lua").doesNotContain("allow-cross-slot-keys");
		}
	}

}
