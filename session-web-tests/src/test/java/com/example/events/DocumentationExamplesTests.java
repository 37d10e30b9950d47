package com.example.events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java example of the README and of {@code docs/} is, apart from its package line,
 * the source of a test file of one of the project's modules, so the build compiles it.
 */
class DocumentationExamplesTests {

	private static final Pattern JAVA_BLOCK = Pattern.compile("(?s)```java\\n(.*?)```");

	private static final Path ROOT = Path.of("..");

	@Test
	void everyJavaExampleIsCompiledTestSource() throws IOException {
		List<String> sources = new ArrayList<>();
		try (Stream<Path> files = Files.walk(ROOT)) {
			for (Path file : files.filter(DocumentationExamplesTests::isTestSource).toList()) {
				sources.add(Files.readString(file).replaceFirst("(?s)^package [^;]+;\\s*", ""));
			}
		}
		List<Path> documents = new ArrayList<>(List.of(ROOT.resolve("README.md")));
		try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
			docs.filter((file) -> file.toString().endsWith(".md")).sorted().forEach(documents::add);
		}
		int examples = 0;
		for (Path document : documents) {
			Matcher blocks = JAVA_BLOCK.matcher(Files.readString(document));
			while (blocks.find()) {
				examples++;
				String example = blocks.group(1);
				String first = example.lines()
					.filter((line) -> line.startsWith("public ") || line.startsWith("class "))
					.findFirst()
					.orElse(example.lines().findFirst().orElse(""));
				assertThat(sources.contains(example))
					.as("%s: the example with '%s' is a compiled test source", document, first)
					.isTrue();
			}
		}
		assertThat(examples).isGreaterThanOrEqualTo(4);
	}

	private static boolean isTestSource(Path file) {
		String path = file.toString().replace('\\', '/');
		return path.endsWith(".java") && path.contains("/src/test/java/") && !path.contains("/target/")
				&& !path.contains("/node_modules/");
	}

}
