package com.example.firstapp;

import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.web.SessionRequests;
import com.myunla.gateway.session.web.SessionServerSentEvents;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Registers a session, streams it as server-sent events and sends it messages, in a
 * WebFlux or a Spring MVC application.
 */
@RestController
public class SessionsController {

	private final Store store;

	private final SessionRequests requests;

	private final SessionServerSentEvents events;

	public SessionsController(Store store, SessionRequests requests, SessionServerSentEvents events) {
		this.store = store;
		this.requests = requests;
		this.events = events;
	}

	@PostMapping(path = "/sessions", produces = MediaType.TEXT_PLAIN_VALUE)
	public Mono<ResponseEntity<String>> create(@RequestParam(required = false) @Nullable String id,
			RequestEntity<String> request) {
		return this.requests.register(request, id, "", "sse")
			.map((connection) -> ResponseEntity.status(HttpStatus.CREATED).body(connection.meta().id() + "\n"));
	}

	@GetMapping(path = "/sessions/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	public Flux<ServerSentEvent<String>> events(@PathVariable String id, RequestEntity<String> request) {
		String lastEventId = SessionRequests.lastEventId(request);
		return this.events.from(this.store.get(id).flatMapMany((connection) -> connection.events(lastEventId)));
	}

	@PostMapping(path = "/sessions/{id}/messages", consumes = MediaType.TEXT_PLAIN_VALUE)
	public Mono<ResponseEntity<Void>> send(@PathVariable String id, @RequestBody String data) {
		return this.store.send(id, Message.of(data)).thenReturn(ResponseEntity.accepted().build());
	}

}
