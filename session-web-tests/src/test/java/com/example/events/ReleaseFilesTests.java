package com.example.events;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user installing the artifacts relies on: the BOM manages the published modules
 * at the project's version without bringing anything else, and the licence and changelog
 * are there.
 */
class ReleaseFilesTests {

	private static final Path ROOT = Path.of("..");

	@Test
	void bomManagesThePublishedModulesAtTheProjectVersionAndNothingElse() throws Exception {
		Document bom = read(ROOT.resolve("session-dependencies/pom.xml"));
		Element project = bom.getDocumentElement();
		assertThat(children(project, "parent")).as("the BOM has no parent, whose management it would export").isEmpty();
		String version = text(read(ROOT.resolve("pom.xml")).getDocumentElement(), "version");
		assertThat(text(project, "version")).isEqualTo(version);
		List<String> managed = new ArrayList<>();
		Element management = children(project, "dependencyManagement").get(0);
		for (Element dependency : children(children(management, "dependencies").get(0), "dependency")) {
			assertThat(text(dependency, "groupId")).isEqualTo("com.myunla");
			assertThat(text(dependency, "version")).isEqualTo("${project.version}");
			managed.add(text(dependency, "artifactId"));
		}
		assertThat(managed).containsExactlyInAnyOrder("session-spring-boot-starter",
				"session-spring-boot-autoconfigure", "session-core", "session-redis", "session-store-kit",
				"session-redis-test-support");
	}

	@Test
	void licenceIsApacheTwoAndChangelogNamesTheVersion() throws Exception {
		assertThat(Files.readString(ROOT.resolve("LICENSE"))).contains("Apache License")
			.contains("Version 2.0, January 2004")
			.contains("END OF TERMS AND CONDITIONS");
		String version = text(read(ROOT.resolve("pom.xml")).getDocumentElement(), "version");
		assertThat(Files.readString(ROOT.resolve("CHANGELOG.md"))).contains("## " + version.replace("-SNAPSHOT", ""));
	}

	private static Document read(Path pom) throws Exception {
		return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
	}

	private static String text(Element parent, String name) {
		return children(parent, name).get(0).getTextContent().trim();
	}

	private static List<Element> children(Element parent, String name) {
		List<Element> result = new ArrayList<>();
		NodeList nodes = parent.getChildNodes();
		for (int i = 0; i < nodes.getLength(); i++) {
			Node node = nodes.item(i);
			if (node instanceof Element element && element.getTagName().equals(name)) {
				result.add(element);
			}
		}
		return result;
	}

}
