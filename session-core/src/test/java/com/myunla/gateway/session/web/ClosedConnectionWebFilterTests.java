package com.myunla.gateway.session.web;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filter outside Reactor Netty: a request without a connection of its own.
 */
class ClosedConnectionWebFilterTests {

	@Test
	void requestWithoutConnectionIsHandledWithoutCloseSignal() {
		AtomicReference<ContextView> seen = new AtomicReference<>();
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/sse"));
		new ClosedConnectionWebFilter().filter(exchange, (filtered) -> Mono.deferContextual((context) -> {
			seen.set(context);
			return Mono.empty();
		})).block();
		assertThat(seen.get()).isNotNull();
		assertThat(ClosedConnectionWebFilter.connectionClosed(seen.get())).isNull();
	}

}
