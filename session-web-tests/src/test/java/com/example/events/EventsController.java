package com.example.events;

import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.web.SessionServerSentEvents;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Streams a session as server-sent events and sends it messages, in a WebFlux or a Spring
 * MVC application.
 */
@RestController
public class EventsController {

	private final Store store;

	private final SessionServerSentEvents events;

	public EventsController(Store store, SessionServerSentEvents events) {
		this.store = store;
		this.events = events;
	}

	@GetMapping(path = "/sessions/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	public Flux<ServerSentEvent<String>> events(@PathVariable String id,
			@RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId) {
		return this.events.from(this.store.get(id).flatMapMany((connection) -> connection.events(lastEventId)));
	}

	@PostMapping("/sessions/{id}/messages")
	public Mono<ResponseEntity<Void>> send(@PathVariable String id, @RequestBody String data) {
		return this.store.send(id, Message.of(data)).thenReturn(ResponseEntity.accepted().build());
	}

}
