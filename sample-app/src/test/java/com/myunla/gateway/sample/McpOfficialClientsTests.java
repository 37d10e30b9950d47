package com.myunla.gateway.sample;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official TypeScript MCP client and the MCP conformance suite (Node.js scripts in
 * {@value McpClientScripts#DIRECTORY}) against the sample's {@code /mcp} on two instances
 * sharing one Redis, behind a round-robin proxy.
 */
@RequiresRedis
@ExtendWith(McpClientScripts.class)
class McpOfficialClientsTests {

	private static final Duration TIMEOUT = Duration.ofMinutes(3);

	@RegisterExtension
	static final McpFleet fleet = new McpFleet();

	@Test
	void typescriptClientCallsToolsOnBothInstancesAndSurvivesACutOfItsStreams() throws Exception {
		AtomicInteger cuts = new AtomicInteger();
		int status = McpClientScripts.run("streamable-http-client.mjs", List.of(fleet.baseUrl() + "/mcp"),
				McpClientScripts.workDirectory("mcp-clients"), TIMEOUT, (line, answer) -> {
					if (line.equals("cut?")) {
						assertThat(fleet.proxy().openStreams()).as("the client's open streams").isPositive();
						fleet.proxy().cutStreams();
						cuts.incrementAndGet();
						answer.accept("cut");
					}
				});
		assertThat(status).as("exit status of the TypeScript client").isZero();
		assertThat(cuts).hasValue(1);
		assertThat(fleet.proxy().requests(0)).isPositive();
		assertThat(fleet.proxy().requests(1)).isPositive();
	}

	@Test
	void conformanceSuiteServerScenariosPass() throws Exception {
		int status = McpClientScripts.run("conformance.mjs", List.of(fleet.baseUrl() + "/mcp"),
				McpClientScripts.workDirectory("mcp-conformance"), TIMEOUT, (line, answer) -> {
				});
		assertThat(status).as("exit status of the conformance run").isZero();
	}

}
