package com.myunla.gateway.session.kit;

import java.util.List;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.StoreClosedException;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Contract of closing: {@link Connection#close()} ends the session like
 * {@link Store#unregister(String)}; {@link Store#close()} completes the store's streams
 * (a stalled one once it requests what may still be buffered for it), is idempotent, and
 * makes every later operation signal {@link StoreClosedException} (an
 * {@link IllegalStateException}), which the web support answers with 503.
 */
public abstract class StoreCloseKit extends StoreKit {

	@Test
	void closingAConnectionOnAnotherInstanceEndsTheSessionAndItsStream() {
		Connection connection = register("s1");
		StreamRecorder stream = StreamRecorder.record(connection.events());
		send(connection, "m1");
		stream.awaitCount(1);
		peer().get("s1").block(TIMEOUT).close().block(TIMEOUT);
		stream.awaitCompletion();
		StoreRegistryKit.assertNotFound(() -> store().get("s1").block(TIMEOUT), "s1");
		StoreRegistryKit.assertNotFound(() -> connection.send(Message.of("late")).block(TIMEOUT), "s1");
		assertThat(listedIds(peer())).isEmpty();
	}

	@Test
	void closingAConnectionIsLazy() {
		Connection connection = register("s1");
		Mono<Void> closing = connection.close();
		assertThat(store().get("s1").block(TIMEOUT)).isNotNull();
		closing.block(TIMEOUT);
		StoreRegistryKit.assertNotFound(() -> store().get("s1").block(TIMEOUT), "s1");
	}

	@Test
	void closingAConnectionOfAnEndedSessionSignalsSessionNotFound() {
		Connection connection = register("s1");
		store().unregister("s1").block(TIMEOUT);
		StoreRegistryKit.assertNotFound(() -> connection.close().block(TIMEOUT), "s1");
	}

	@Test
	void closingTheStoreCompletesItsStreams() {
		Connection flowing = register("s1");
		Connection stalled = register("s2");
		StreamRecorder first = StreamRecorder.record(flowing.events());
		StreamRecorder second = StreamRecorder.record(stalled.events(), 0);
		send(flowing, "m1");
		send(stalled, "never requested");
		first.awaitCount(1);
		store().close();
		first.awaitCompletion();
		// a store may first hand over what it had buffered for the stalled stream
		second.request(Long.MAX_VALUE);
		second.awaitCompletion();
		assertThat(second.texts()).isSubsetOf("never requested");
	}

	@Test
	void everyOperationAfterCloseSignalsStoreClosed() {
		Connection connection = register("s1");
		Store store = store();
		List<Publisher<?>> created = List.of(store.get("s1"), store.list(), connection.events());
		store.close();
		List<Publisher<?>> operations = List.of(store.register(meta("s2")), store.get("s1"), store.unregister("s1"),
				store.list(), store.send("s1", Message.of("hi")), connection.send(Message.of("hi")),
				connection.events(), connection.events("0"), connection.close(), created.get(0), created.get(1),
				created.get(2));
		for (Publisher<?> operation : operations) {
			assertThatThrownBy(() -> Flux.from(operation).blockLast(TIMEOUT)).as("%s", operation)
				.isInstanceOf(StoreClosedException.class);
		}
	}

	@Test
	void closeIsIdempotent() {
		register("s1");
		store().close();
		store().close();
		assertThatThrownBy(() -> store().get("s1").block(TIMEOUT)).isInstanceOf(StoreClosedException.class);
	}

}
