package com.myunla.gateway.sample;

import java.util.Comparator;

import com.myunla.gateway.session.Redaction;
import com.myunla.gateway.session.SessionNotFoundException;
import com.myunla.gateway.session.Store;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator endpoints: {@code GET /sessions} lists the registered sessions and {@code DELETE /sessions/{id}}
 * ends one. They are unauthenticated, as everything in this sample: a real gateway protects them.
 */
@RestController
@RequestMapping("/sessions")
public class SessionsController {

	private final Store store;

	private final Redaction redaction;

	/**
	 * Creates the controller.
	 * @param store the session store
	 * @param redaction the request values to hide in the listing ({@code session.redaction.*})
	 */
	public SessionsController(Store store, Redaction redaction) {
		this.store = store;
		this.redaction = redaction;
	}

	/**
	 * Lists the registered sessions, oldest first, with request secrets redacted.
	 * @return the sessions
	 */
	@GetMapping
	public Flux<SessionSummary> list() {
		return this.store.list()
			.map((connection) -> SessionSummary.of(connection.meta(), this.redaction))
			.sort(Comparator.comparing(SessionSummary::createdAt));
	}

	/**
	 * Unregisters a session, which ends its live stream.
	 * @param id the session id
	 * @return {@code 204 No Content}, or {@link SessionNotFoundException} if the session is unknown
	 */
	@DeleteMapping("/{id}")
	public Mono<ResponseEntity<Void>> delete(@PathVariable String id) {
		return this.store.unregister(id).thenReturn(ResponseEntity.noContent().build());
	}

}
