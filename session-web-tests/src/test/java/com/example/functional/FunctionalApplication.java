package com.example.functional;

import java.io.IOException;

import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.RequestInfo;
import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.StoreUnavailableException;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Functional endpoints that make the store signal each error the web support answers,
 * plus one of the application's own, in a WebFlux ({@link ReactiveRoutes}) and in a
 * Spring MVC application ({@link ServletRoutes}). They have no error handling of their
 * own.
 */
@SpringBootApplication
public class FunctionalApplication {

	static Mono<Void> register(Store store, String id) {
		return store.register(Meta.of(id, "", "sse", RequestInfo.empty())).then();
	}

	static Mono<Void> send(Store store, String id, String event) {
		return Mono.defer(() -> store.send(id, Message.of(event, "data")));
	}

	static Mono<Void> unavailable() {
		return Mono.error(new StoreUnavailableException("Redis did not answer within 5s (single mode, 10.0.0.7:6379)",
				new IOException("Connection reset")));
	}

}
