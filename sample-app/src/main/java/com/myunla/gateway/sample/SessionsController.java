package com.myunla.gateway.sample;

import com.myunla.gateway.session.Redaction;
import com.myunla.gateway.session.SessionNotFoundException;
import com.myunla.gateway.session.Store;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator endpoints: {@code GET /sessions} lists the registered sessions page by page
 * and {@code DELETE /sessions/{id}} ends one. They are unauthenticated, as everything in
 * this sample: a real gateway protects them.
 */
@RestController
@RequestMapping("/sessions")
public class SessionsController {

	private final Store store;

	private final Redaction redaction;

	/**
	 * Creates the controller.
	 * @param store the session store
	 * @param redaction the request values to hide in the listing
	 * ({@code session.redaction.*})
	 */
	public SessionsController(Store store, Redaction redaction) {
		this.store = store;
		this.redaction = redaction;
	}

	/**
	 * Lists one page of the registered sessions, with request secrets redacted.
	 * @param cursor the {@code nextCursor} of the previous page, or absent for the first
	 * page
	 * @param size the most sessions on the page, from 1 to {@value Store#MAX_PAGE_SIZE}
	 * @return the page, or {@link IllegalArgumentException} (a {@code 400}) for a bad
	 * size or cursor
	 */
	@GetMapping
	public Mono<SessionList> list(@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(defaultValue = "" + Store.DEFAULT_PAGE_SIZE) int size) {
		return this.store.list(cursor, size)
			.map((page) -> new SessionList(page.sessions()
				.stream()
				.map((connection) -> SessionSummary.of(connection.meta(), this.redaction))
				.toList(), page.nextCursor()));
	}

	/**
	 * Unregisters a session, which ends its live stream.
	 * @param id the session id
	 * @return {@code 204 No Content}, or {@link SessionNotFoundException} if the session
	 * is unknown
	 */
	@DeleteMapping("/{id}")
	public Mono<ResponseEntity<Void>> delete(@PathVariable String id) {
		return this.store.unregister(id).thenReturn(ResponseEntity.noContent().build());
	}

}
