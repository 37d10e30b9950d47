package com.myunla.gateway.sample.mcp;

import java.util.function.Function;

import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.SessionNotFoundException;
import com.myunla.gateway.session.web.SessionServerSentEvents;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.http.codec.ServerSentEvent;

/**
 * What both MCP transports do with a session's stream of deliveries: each JSON-RPC
 * message becomes one SSE {@code message} event, and a gap in the stream becomes a
 * warning the client can read. Keep-alive comments, flow control and the quiet end of a
 * stream the client recovers from by reconnecting are the starter's
 * {@link SessionServerSentEvents}.
 */
final class McpStreams {

	private final JsonRpcMessages messages;

	private final SessionServerSentEvents events;

	McpStreams(JsonRpcMessages messages, SessionServerSentEvents events) {
		this.messages = messages;
		this.events = events;
	}

	/**
	 * Maps a session's deliveries to events: gap notices as warnings, every other
	 * delivery with the transport's own mapping, which returns {@code null} for a
	 * delivery the client is not to see.
	 */
	Flux<ServerSentEvent<String>> serve(Flux<Delivery> deliveries,
			Function<Delivery, @Nullable ServerSentEvent<String>> mapping) {
		return this.events.from(deliveries, (delivery) -> delivery.isGap() ? gap(delivery) : mapping.apply(delivery))
			// Unregistered between the lookup and the subscription: the same as
			// unregistered while streaming
			.onErrorResume(SessionNotFoundException.class, (ex) -> Flux.empty());
	}

	/**
	 * Turns a gap notice into a {@code notifications/message} warning, since MCP has no
	 * message of its own for notifications lost to a client, and the store promises that
	 * a stream is never silently partial.
	 */
	private ServerSentEvent<String> gap(Delivery gap) {
		String text = "Messages of this session were lost: " + gap.message().dataAsString();
		return ServerSentEvent.builder(this.messages.write(this.messages.log(LoggingLevel.WARNING, "session", text)))
			.event(JsonRpcMessages.EVENT)
			.build();
	}

}
