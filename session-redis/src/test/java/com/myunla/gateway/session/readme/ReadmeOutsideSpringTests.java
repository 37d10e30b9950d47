package com.myunla.gateway.session.readme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's example of a Redis store built outside Spring: {@link SendFromAScript} is
 * that example, so it is compiled with the tests; this test checks that the README shows
 * exactly its code and that it works.
 */
class ReadmeOutsideSpringTests {

	private static final Path README = Path.of("..", "README.md");

	private static final Path SOURCE = Path.of("src", "test", "java", "com", "myunla", "gateway", "session", "readme",
			"SendFromAScript.java");

	@Test
	void readmeShowsTheCompiledExample() throws IOException {
		String source = Files.readString(SOURCE).replaceFirst("(?s)^package [^;]+;\\s*", "");
		assertThat(javaBlockContaining("class SendFromAScript")).isEqualTo(source);
	}

	private static String javaBlockContaining(String text) throws IOException {
		Matcher blocks = Pattern.compile("(?s)```java\\n(.*?)```").matcher(Files.readString(README));
		while (blocks.find()) {
			if (blocks.group(1).contains(text)) {
				return blocks.group(1);
			}
		}
		throw new AssertionError("README.md has no java block containing '" + text + "'");
	}

	@Nested
	@RequiresRedis
	class OnRedis {

		@Test
		void exampleRegistersAndSends() {
			try (RedisSingle redis = RedisSingle.start()) {
				SendFromAScript.main(new String[] { redis.address() });
				assertThat(redis.command("EXISTS", "session:{session_001}:meta").trim()).isEqualTo("1");
				assertThat(redis.command("XLEN", "session:{session_001}:log").trim()).isEqualTo("1");
			}
		}

	}

}
