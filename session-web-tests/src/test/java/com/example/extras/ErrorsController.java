package com.example.extras;

import java.io.IOException;

import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.RequestInfo;
import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.StoreUnavailableException;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Endpoints that make the store signal each error the web support answers, plus one of
 * the application's own. Not component-scanned: the tests that need it add it.
 */
@RestController
@RequestMapping("/errors")
public class ErrorsController {

	private final Store store;

	public ErrorsController(Store store) {
		this.store = store;
	}

	@PostMapping("/register/{id}")
	public Mono<ResponseEntity<Void>> register(@PathVariable String id) {
		return this.store.register(Meta.of(id, "", "sse", RequestInfo.empty()))
			.thenReturn(ResponseEntity.noContent().build());
	}

	@PostMapping("/send/{id}")
	public Mono<ResponseEntity<Void>> send(@PathVariable String id, @RequestParam String event) {
		return Mono.defer(() -> this.store.send(id, Message.of(event, "data")))
			.thenReturn(ResponseEntity.accepted().build());
	}

	@PostMapping("/unavailable")
	public Mono<Void> unavailable() {
		return Mono.error(new StoreUnavailableException("Redis did not answer within 5s (single mode, 10.0.0.7:6379)",
				new IOException("Connection reset")));
	}

	@PostMapping("/own-bad-input")
	public Mono<Void> ownBadInput() {
		return Mono.error(new IllegalArgumentException("the application's own bad input"));
	}

}
