package com.myunla.gateway.sample.mcp;

import java.time.Duration;

import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.SessionNotFoundException;
import com.myunla.gateway.session.SlowConsumerException;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;

import org.springframework.http.codec.ServerSentEvent;

/**
 * What both MCP transports do with a session's stream of deliveries: each JSON-RPC message becomes one SSE
 * {@code message} event, a gap in the stream becomes a warning the client can read, and keep-alive comments
 * keep proxies from closing an idle stream.
 */
final class McpStreams {

	private static final Log logger = LogFactory.getLog(McpStreams.class);

	private static final ServerSentEvent<String> KEEP_ALIVE = ServerSentEvent.<String>builder()
		.comment("keep-alive")
		.build();

	private final JsonRpcMessages messages;

	private final Duration keepAlive;

	McpStreams(JsonRpcMessages messages, Duration keepAlive) {
		this.messages = messages;
		this.keepAlive = keepAlive;
	}

	/**
	 * Turns a gap notice into a {@code notifications/message} warning, since MCP has no message of its own for
	 * notifications lost to a client, and the store promises that a stream is never silently partial.
	 */
	ServerSentEvent<String> gap(Delivery gap) {
		String text = "Messages of this session were lost: " + gap.message().dataAsString();
		return ServerSentEvent.builder(this.messages.write(this.messages.log(LoggingLevel.WARNING, "session", text)))
			.event(JsonRpcMessages.EVENT)
			.build();
	}

	/**
	 * Ends a stream quietly where the store ends it for a reason the client recovers from by reconnecting,
	 * and adds keep-alive comments while it is open.
	 */
	Flux<ServerSentEvent<String>> serve(Flux<ServerSentEvent<String>> events) {
		Flux<ServerSentEvent<String>> ended = events
			.onErrorResume(SlowConsumerException.class, (ex) -> {
				logger.info(ex.getMessage());
				return Flux.empty();
			})
			.onErrorResume(SessionNotFoundException.class, (ex) -> Flux.empty());
		Flux<ServerSentEvent<String>> keepAlive = Flux.interval(this.keepAlive).map((tick) -> KEEP_ALIVE);
		return ended.publish((shared) -> Flux.merge(shared, keepAlive.takeUntilOther(shared.then())));
	}

}
