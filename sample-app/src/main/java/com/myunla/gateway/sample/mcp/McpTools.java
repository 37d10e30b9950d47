package com.myunla.gateway.sample.mcp;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import com.myunla.gateway.session.Store;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.AsyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.AudioContent;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Content;
import io.modelcontextprotocol.spec.McpSchema.EmbeddedResource;
import io.modelcontextprotocol.spec.McpSchema.ImageContent;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import reactor.core.publisher.Mono;

/**
 * The tools of the sample's MCP server.
 *
 * <ul>
 * <li>{@code whoami} answers with the id of the instance that handled the call, so that a
 * client sees which instance of the fleet answered.</li>
 * <li>{@code notify} sends a {@code notifications/message} with the given {@code text} to
 * the caller's session through the store, from the instance that handled the call: it
 * reaches the session's stream on whichever instance holds it. It answers with the
 * handling instance's id.</li>
 * <li>{@code test_simple_text}, {@code test_image_content}, {@code test_audio_content},
 * {@code test_embedded_resource}, {@code test_multiple_content_types} and
 * {@code test_error_handling} return what the MCP conformance suite's server scenarios of
 * the same names expect.</li>
 * </ul>
 */
final class McpTools {

	/**
	 * Key of the caller's session id in the transport context the endpoints pass to the
	 * server.
	 */
	static final String SESSION_ID = "sessionId";

	// A 1x1 red PNG and a one-sample 8 kHz WAV: the smallest valid content of each kind
	private static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/"
			+ "pLvAAAAAElFTkSuQmCC";

	private static final String WAV = "UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQEAAACAAA==";

	private static final String NO_ARGUMENTS = "{\"type\":\"object\",\"properties\":{}}";

	private final Store store;

	private final JsonRpcMessages messages;

	private final String instanceId;

	McpTools(Store store, JsonRpcMessages messages, String instanceId) {
		this.store = store;
		this.messages = messages;
		this.instanceId = instanceId;
	}

	List<AsyncToolSpecification> specifications() {
		return List.of(
				tool("whoami", "Returns the id of the gateway instance that handled this call", NO_ARGUMENTS,
						(context, request) -> Mono.just(text(this.instanceId))),
				tool("notify", "Sends the text as a notifications/message to the caller's session",
						"{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}}}", this::notify),
				tool("test_simple_text", "Returns simple text content", NO_ARGUMENTS,
						(context, request) -> Mono.just(text("This is a simple text response for testing."))),
				tool("test_image_content", "Returns image content", NO_ARGUMENTS,
						(context, request) -> Mono.just(result(List.of(image())))),
				tool("test_audio_content", "Returns audio content", NO_ARGUMENTS,
						(context, request) -> Mono.just(result(List.of(new AudioContent(null, WAV, "audio/wav"))))),
				tool("test_embedded_resource", "Returns an embedded resource", NO_ARGUMENTS,
						(context, request) -> Mono.just(result(List.of(resource())))),
				tool("test_multiple_content_types", "Returns text, image and resource content", NO_ARGUMENTS,
						(context, request) -> Mono.just(
								result(List.of(new TextContent("Multiple content types test:"), image(), resource())))),
				tool("test_error_handling", "Always fails, reporting the error in its result", NO_ARGUMENTS,
						(context,
								request) -> Mono.just(CallToolResult.builder()
									.addTextContent("This tool intentionally returns an error for testing")
									.isError(true)
									.build())));
	}

	private Mono<CallToolResult> notify(McpTransportContext context, CallToolRequest request) {
		Object sessionId = context.get(SESSION_ID);
		Map<String, Object> arguments = (request.arguments() != null) ? request.arguments() : Map.of();
		String text = String.valueOf(arguments.getOrDefault("text", "notification from " + this.instanceId));
		if (!(sessionId instanceof String id)) {
			return Mono.just(CallToolResult.builder().addTextContent("No session to notify").isError(true).build());
		}
		return this.store.send(id, this.messages.toMessage(this.messages.log(LoggingLevel.INFO, "notify", text)))
			.thenReturn(text(this.instanceId));
	}

	private AsyncToolSpecification tool(String name, String description, String inputSchema,
			BiFunction<McpTransportContext, CallToolRequest, Mono<CallToolResult>> handler) {
		Tool tool = Tool.builder()
			.name(name)
			.description(description)
			.inputSchema(this.messages.mapper(), inputSchema)
			.build();
		return new AsyncToolSpecification(tool, handler);
	}

	private static CallToolResult text(String text) {
		return CallToolResult.builder().addTextContent(text).build();
	}

	private static CallToolResult result(List<Content> content) {
		return CallToolResult.builder().content(content).build();
	}

	private static ImageContent image() {
		return new ImageContent(null, PNG, "image/png");
	}

	private static EmbeddedResource resource() {
		return new EmbeddedResource(null, new TextResourceContents("test://embedded-resource", "text/plain",
				"This is an embedded resource content."));
	}

}
