package com.myunla.gateway.session.kit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example of running the kit in docs/testing.md is the source of a test of this
 * module, so it compiles and passes.
 */
class ReadmeKitExampleTests {

	private static final Path EXAMPLE = Path
		.of("src/test/java/com/myunla/gateway/session/kit/example/MemoryStoreKitTests.java");

	@Test
	void readmeShowsTheExampleThatThisModuleCompilesAndRuns() throws IOException {
		String section = Files.readString(Path.of("..", "docs", "testing.md"));
		String start = "```java\n";
		int from = section.indexOf(start) + start.length();
		String shown = section.substring(from, section.indexOf("```\n", from));
		String source = Files.readString(EXAMPLE);
		assertThat(source).isEqualTo(source.substring(0, source.indexOf('\n') + 2) + shown);
	}

}
