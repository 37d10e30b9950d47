package com.myunla.gateway.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.jayway.jsonpath.JsonPath;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's MCP endpoints on two instances sharing one Redis behind a round-robin
 * proxy, driven by the MCP Java SDK's own clients and, where a test needs to see the
 * wire, by plain HTTP: every request may land on either instance, and the session, its
 * stream and its notifications follow.
 */
@RequiresRedis
@ExtendWith(OutputCaptureExtension.class)
class McpOnTwoInstancesTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final String LATEST = McpHttp.LATEST;

	@RegisterExtension
	static final McpFleet fleet = new McpFleet();

	@Test
	void streamableHttpClientCallsToolsAndBothInstancesAnswer() {
		callsToolsAndBothInstancesAnswer(
				HttpClientStreamableHttpTransport.builder(fleet.baseUrl()).endpoint("/mcp").build());
	}

	@Test
	void httpSseClientCallsToolsAndBothInstancesAnswer() {
		callsToolsAndBothInstancesAnswer(
				HttpClientSseClientTransport.builder(fleet.baseUrl()).sseEndpoint("/mcp/sse").build());
	}

	private void callsToolsAndBothInstancesAnswer(McpClientTransport transport) {
		McpSyncClient client = McpClient.sync(transport).requestTimeout(TIMEOUT).build();
		try {
			client.initialize();
			assertThat(client.listTools().tools()).extracting(Tool::name)
				.contains("whoami", "notify", "test_simple_text");
			Set<String> answered = new HashSet<>();
			for (int i = 0; i < 6; i++) {
				CallToolResult result = client.callTool(new CallToolRequest("whoami", Map.of()));
				assertThat(result.isError()).isFalse();
				answered.add(text(result));
			}
			assertThat(answered).containsExactlyInAnyOrder(McpFleet.A, McpFleet.B);
		}
		finally {
			client.closeGracefully();
		}
	}

	@Test
	void notificationSentByEitherInstanceReachesTheStreamHeldByOne() {
		List<String> received = new CopyOnWriteArrayList<>();
		McpSyncClient client = McpClient
			.sync(HttpClientStreamableHttpTransport.builder(fleet.baseUrl()).endpoint("/mcp").build())
			.requestTimeout(TIMEOUT)
			.loggingConsumer((notification) -> received.add(notification.data()))
			.build();
		try {
			client.initialize();
			List<String> sent = new ArrayList<>();
			Set<String> senders = new HashSet<>();
			for (int i = 1; i <= 4; i++) {
				String text = "note-" + i;
				senders.add(text(client.callTool(new CallToolRequest("notify", Map.of("text", text)))));
				sent.add(text);
			}
			// The session's one stream lives on one instance, so the other instance's
			// notifications crossed over
			assertThat(senders).containsExactlyInAnyOrder(McpFleet.A, McpFleet.B);
			// each once; not in order: the SDK's sync client hands every notification to
			// its consumer on a worker thread of its own (the order on the wire is
			// checked by the tests that read the stream themselves)
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(received).containsExactlyInAnyOrderElementsOf(sent));
		}
		finally {
			client.closeGracefully();
		}
	}

	@Test
	void streamCutByTheProxyResumesOnTheOtherInstanceWithExactlyTheNotificationsSentMeanwhile() {
		McpHttp http = new McpHttp(fleet.baseUrl());
		String sessionId = http.initialize();
		SseStream first = http.listen(sessionId, null);
		SseStream.Event prime = first.next();
		assertThat(prime.data()).isEmpty();
		assertThat(prime.field("retry")).isEqualTo("1000");
		http.notify(sessionId, "one");
		SseStream.Event one = first.next();
		assertThat(notificationText(one)).isEqualTo("one");
		String holder = await().atMost(TIMEOUT).until(() -> fleet.owner(sessionId), (owner) -> !owner.isEmpty());
		String other = McpFleet.A.equals(holder) ? McpFleet.B : McpFleet.A;

		fleet.proxy().cutStreams();
		first.awaitEnd();
		http.notify(sessionId, "two");
		http.notify(sessionId, "three");
		routeNextRequestTo(other, http);
		SseStream resumed = http.listen(sessionId, one.id());

		assertThat(resumed.next().id()).as("priming event repeats the client's last id").isEqualTo(one.id());
		assertThat(notificationText(resumed.next())).isEqualTo("two");
		assertThat(notificationText(resumed.next())).isEqualTo("three");
		http.notify(sessionId, "four");
		assertThat(notificationText(resumed.next())).isEqualTo("four");
		assertThat(fleet.owner(sessionId)).isEqualTo(other);
		resumed.close();
	}

	@Test
	void primingEventOnlyForTheRevisionThatDefinesIt() {
		McpHttp http = new McpHttp(fleet.baseUrl());
		String sessionId = http.initialize();
		SseStream older = http.listen(sessionId, null, "2025-06-18");
		http.notify(sessionId, "first");
		SseStream.Event first = older.next();
		assertThat(notificationText(first)).isEqualTo("first");
		assertThat(first.field("retry")).isNull();
		older.close();
	}

	@Test
	void sessionRulesHoldOnEveryInstance() {
		McpHttp http = new McpHttp(fleet.baseUrl());
		http.post(null, LATEST, ping()).expectStatus().isBadRequest().expectBody();
		http.post("no-such-session", LATEST, ping()).expectStatus().isNotFound().expectBody();
		String sessionId = http.initialize();
		http.post(sessionId, "2099-01-01", ping()).expectStatus().isBadRequest().expectBody();
		// Consecutive requests through the proxy land on different instances
		http.post(sessionId, LATEST, ping()).expectStatus().isOk().expectBody().jsonPath("$.result").isMap();
		http.post(sessionId, null, ping()).expectStatus().isOk().expectBody().jsonPath("$.result").isMap();
		http.client()
			.delete()
			.uri("/mcp")
			.header("Mcp-Session-Id", sessionId)
			.exchange()
			.expectStatus()
			.isNoContent()
			.expectBody()
			.isEmpty();
		http.post(sessionId, LATEST, ping()).expectStatus().isNotFound().expectBody();
		http.post(sessionId, LATEST, ping()).expectStatus().isNotFound().expectBody();
	}

	@Test
	void lastEventIdTheStoreRejectsIsABadRequestBeforeAnyStream(CapturedOutput output) {
		McpHttp http = new McpHttp(fleet.baseUrl());
		String sessionId = http.initialize();
		SseStream stream = http.listen(sessionId, null);
		String primeId = stream.next().id();
		http.notify(sessionId, "one");
		assertThat(notificationText(stream.next())).isEqualTo("one");
		stream.close();
		// Not ids of the store (an id after the session's last message is one a
		// failover lost, which the stream resumes after with a gap warning)
		for (String rejected : List.of("not-an-id", "+1-0")) {
			for (String version : List.of(LATEST, "2025-06-18")) {
				// Both instances, through the proxy
				for (int i = 0; i < 2; i++) {
					String message = jsonRpcError(http.client()
						.get()
						.uri("/mcp")
						.accept(MediaType.TEXT_EVENT_STREAM)
						.header("Mcp-Session-Id", sessionId)
						.header("MCP-Protocol-Version", version)
						.header("Last-Event-ID", rejected)
						.exchange(), 400, -32600);
					assertThat(message).startsWith("Last event id");
				}
			}
		}
		// Nothing was taken over: the client resumes with an id it has
		SseStream resumed = http.listen(sessionId, primeId);
		assertThat(resumed.next().id()).isEqualTo(primeId);
		assertThat(notificationText(resumed.next())).isEqualTo("one");
		resumed.close();
		assertThat(output).doesNotContain("ERROR").doesNotContain("Exception");
	}

	@Test
	void requestWhoseParamsAreNoObjectGetsAnInvalidParamsError(CapturedOutput output) {
		McpHttp http = new McpHttp(fleet.baseUrl());
		String sessionId = http.initialize();
		for (String params : List.of("\"notify\"", "[\"notify\"]", "42", "{\"name\":{\"not\":\"a name\"}}")) {
			http.post(sessionId, LATEST,
					"{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":" + params + "}")
				.expectStatus()
				.isOk()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
				.expectBody()
				.jsonPath("$.id")
				.isEqualTo(9)
				.jsonPath("$.error.code")
				.isEqualTo(-32602);
		}
		for (String params : List.of("\"notify\"", "[\"notify\"]", "42")) {
			// A notification is not answered, so the HTTP status says it was not taken
			jsonRpcError(
					http.post(sessionId, LATEST,
							"{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\",\"params\":" + params + "}"),
					400, -32602);
		}
		assertThat(output).doesNotContain("ERROR").doesNotContain("Exception");
	}

	@Test
	void errorAnswersAreJsonRpcErrorsWithoutInternalDetails(CapturedOutput output) {
		McpHttp http = new McpHttp(fleet.baseUrl());
		jsonRpcError(http.post(null, LATEST, "{not json"), 400, -32700);
		jsonRpcError(http.post(null, LATEST, "{\"jsonrpc\":\"2.0\",\"id\":{\"x\":1},\"method\":\"ping\"}"), 400,
				-32600);
		jsonRpcError(http.post(null, LATEST, ping()), 400, -32600);
		jsonRpcError(http.post("no-such-session", LATEST, ping()), 404, -32001);
		String sessionId = http.initialize();
		jsonRpcError(http.post(sessionId, "2099-01-01", ping()), 400, -32600);
		jsonRpcError(http.client()
			.get()
			.uri("/mcp")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.header("Mcp-Session-Id", "no-such-session")
			.exchange(), 404, -32001);
		jsonRpcError(http.client().post().uri("/mcp/message").bodyValue(ping()).exchange(), 400, -32600);
		assertThat(output).doesNotContain("ERROR").doesNotContain("Exception");
	}

	/**
	 * Checks that an answer is an error of the given HTTP status whose body is, as
	 * {@code application/json}, a JSON-RPC error without id that names no Java type.
	 * @return the error's message
	 */
	private static String jsonRpcError(WebTestClient.ResponseSpec answer, int status, int code) {
		String body = answer.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).doesNotContain("Exception").doesNotContain("java.").doesNotContain("jackson");
		Map<String, Object> json = JsonPath.read(body, "$");
		assertThat(json).containsEntry("jsonrpc", "2.0").doesNotContainKey("id");
		assertThat((Integer) JsonPath.read(body, "$.error.code")).as(body).isEqualTo(code);
		return JsonPath.read(body, "$.error.message");
	}

	@Test
	void httpSseMessagesNeedOneOfItsSessions() {
		McpHttp http = new McpHttp(fleet.baseUrl());
		String streamableSession = http.initialize();
		http.client()
			.post()
			.uri("/mcp/message")
			.bodyValue(ping())
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody();
		http.client()
			.post()
			.uri("/mcp/message?sessionId={id}", streamableSession)
			.bodyValue(ping())
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody();
		http.client()
			.get()
			.uri("/mcp/sse")
			.header("Origin", "http://evil.example.com")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody();
	}

	@Test
	void pagesOfOtherOriginsAreRefused() {
		McpHttp http = new McpHttp(fleet.baseUrl());
		http.client()
			.post()
			.uri("/mcp")
			.header("Origin", "http://evil.example.com")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(McpHttp.initializeRequest(LATEST))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody();
		http.client()
			.post()
			.uri("/mcp")
			.header("Origin", "http://localhost:6274")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(McpHttp.initializeRequest(LATEST))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.exists("Mcp-Session-Id")
			.expectBody()
			.jsonPath("$.result.protocolVersion")
			.isEqualTo(LATEST);
	}

	private static String ping() {
		return "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}";
	}

	private static String text(CallToolResult result) {
		return ((TextContent) result.content().get(0)).text();
	}

	// The data of a notifications/message as the notify tool sends it
	private static String notificationText(SseStream.Event event) {
		assertThat(event.id()).isNotBlank();
		assertThat(event.data()).contains("\"method\":\"notifications/message\"");
		int start = event.data().indexOf("\"data\":\"") + 8;
		return event.data().substring(start, event.data().indexOf('"', start));
	}

	/**
	 * Sends requests that do not matter until the one that lands on the given instance's
	 * neighbour has gone by, so that the proxy sends the next request to the given
	 * instance.
	 */
	private static void routeNextRequestTo(String instance, McpHttp http) {
		int skip = McpFleet.backend(McpFleet.A.equals(instance) ? McpFleet.B : McpFleet.A);
		for (int i = 0; i < 2; i++) {
			long before = fleet.proxy().requests(skip);
			http.client().get().uri("/sessions").exchange().expectStatus().isOk().expectBody();
			if (fleet.proxy().requests(skip) > before) {
				return;
			}
		}
		throw new AssertionError("The proxy sent no request to instance " + instance + "'s neighbour");
	}

}
