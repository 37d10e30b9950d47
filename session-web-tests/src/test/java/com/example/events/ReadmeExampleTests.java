package com.example.events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The controller example of the web support docs is {@link EventsController}, which the
 * other tests compile and run in both stacks.
 */
class ReadmeExampleTests {

	private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);

	@Test
	void readmeControllerExampleIsTheTestedController() throws IOException {
		String readme = Files.readString(Path.of("../docs/web.md"));
		String example = null;
		Matcher blocks = JAVA_BLOCK.matcher(readme);
		while (blocks.find()) {
			if (blocks.group(1).contains("class EventsController")) {
				example = blocks.group(1);
			}
		}
		assertThat(example).as("docs example of EventsController").isNotNull();
		String source = Files.readString(Path.of("src/test/java/com/example/events/EventsController.java"))
			.replaceFirst("(?s)^package [^;]+;\\s*", "");
		assertThat(source).isEqualTo(example);
	}

}
