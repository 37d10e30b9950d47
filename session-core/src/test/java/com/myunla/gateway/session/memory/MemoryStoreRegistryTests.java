package com.myunla.gateway.session.memory;

import java.time.Duration;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Delivery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * Tests for what only a {@link MemoryStore}'s registry promises: one handle per session,
 * and a stream that delivers what was sent before its session ended. The registry
 * contract of every store is checked by the contract kit (module
 * {@code session-store-kit}).
 */
class MemoryStoreRegistryTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final MemoryStore store = MemoryStore.builder().build();

	@AfterEach
	void closeStore() {
		this.store.close();
	}

	@Test
	void getReturnsTheRegisteredSession() {
		Connection registered = Sessions.register(this.store, "s1");
		StepVerifier.create(this.store.get("s1")).expectNext(registered).verifyComplete();
	}

	@Test
	void unregisterLetsTheStreamDeliverWhatWasSentBeforeCompleting() {
		Connection connection = Sessions.register(this.store, "s1");
		StepVerifier.create(connection.events().map(Delivery::id), 0)
			.then(() -> Sessions.send(connection, "last words", "goodbye"))
			.then(() -> this.store.unregister("s1").block())
			.expectNoEvent(Duration.ofMillis(50))
			.thenRequest(2)
			.expectNext("1", "2")
			.expectComplete()
			.verify(TIMEOUT);
	}

}
