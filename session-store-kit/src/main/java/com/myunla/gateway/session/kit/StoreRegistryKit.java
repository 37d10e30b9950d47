package com.myunla.gateway.session.kit;

import java.util.List;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.SessionExistsException;
import com.myunla.gateway.session.SessionNotFoundException;
import com.myunla.gateway.session.Store;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Contract of the registry: {@link Store#register(Meta)}, {@link Store#get(String)},
 * {@link Store#list()}, {@link Store#unregister(String)}, and what a handle
 * ({@link Connection}) refers to: one registration, so that a handle kept across an
 * unregistration never reaches a later session with the same id.
 */
public abstract class StoreRegistryKit extends StoreKit {

	@Test
	void registeredSessionIsFoundWithItsMetaOnEveryInstance() {
		Meta meta = meta("s1");
		Connection registered = store().register(meta).block(TIMEOUT);
		assertThat(registered.meta()).isEqualTo(meta);
		for (Store instance : new Store[] { store(), peer() }) {
			assertThat(instance.get("s1").block(TIMEOUT).meta()).isEqualTo(meta);
			assertThat(instance.list().collectList().block(TIMEOUT)).extracting(Connection::meta).containsExactly(meta);
		}
	}

	@Test
	void registerIsLazy() {
		Mono<Connection> registration = store().register(meta("s1"));
		assertThatThrownBy(() -> store().get("s1").block(TIMEOUT)).isInstanceOf(SessionNotFoundException.class);
		registration.block(TIMEOUT);
		assertThat(store().get("s1").block(TIMEOUT)).isNotNull();
	}

	@Test
	void registerOfATakenIdSignalsSessionExistsOnEveryInstance() {
		register("s1");
		for (Store instance : new Store[] { store(), peer() }) {
			assertThatThrownBy(() -> instance.register(meta("s1")).block(TIMEOUT)).isInstanceOfSatisfying(
					SessionExistsException.class, (ex) -> assertThat(ex.getSessionId()).isEqualTo("s1"));
		}
	}

	@Test
	void unknownSessionIsNotFoundNamingItsId() {
		assertNotFound(() -> store().get("missing").block(TIMEOUT), "missing");
		assertNotFound(() -> store().send("missing", Message.of("hi")).block(TIMEOUT), "missing");
		assertNotFound(() -> store().unregister("missing").block(TIMEOUT), "missing");
	}

	@Test
	void unregisterOnAnotherInstanceRemovesTheSessionEverywhere() {
		Connection connection = register("s1");
		register("s2");
		peer().unregister("s1").block(TIMEOUT);
		for (Store instance : new Store[] { store(), peer() }) {
			assertNotFound(() -> instance.get("s1").block(TIMEOUT), "s1");
			assertNotFound(() -> instance.send("s1", Message.of("late")).block(TIMEOUT), "s1");
			assertThat(listedIds(instance)).containsExactly("s2");
		}
		assertNotFound(() -> connection.send(Message.of("late")).block(TIMEOUT), "s1");
	}

	@Test
	void streamOfAnUnregisteredSessionSignalsSessionNotFound() {
		Connection connection = register("s1");
		Connection elsewhere = peer().get("s1").block(TIMEOUT);
		store().unregister("s1").block(TIMEOUT);
		assertNotFound(() -> connection.events().blockFirst(TIMEOUT), "s1");
		assertNotFound(() -> elsewhere.events().blockFirst(TIMEOUT), "s1");
	}

	@Test
	void unregisterIsLazy() {
		register("s1");
		Mono<Void> removal = store().unregister("s1");
		assertThat(store().get("s1").block(TIMEOUT)).isNotNull();
		removal.block(TIMEOUT);
		assertNotFound(() -> store().get("s1").block(TIMEOUT), "s1");
	}

	@Test
	void unregisterTwiceSignalsSessionNotFoundTheSecondTime() {
		register("s1");
		store().unregister("s1").block(TIMEOUT);
		assertNotFound(() -> peer().unregister("s1").block(TIMEOUT), "s1");
	}

	@Test
	void unregisterOnAnotherInstanceCompletesTheLiveStream() {
		Connection connection = register("s1");
		StreamRecorder stream = StreamRecorder.record(connection.events());
		send(connection, "m1");
		stream.awaitCount(1);
		peer().unregister("s1").block(TIMEOUT);
		stream.awaitCompletion();
		assertThat(stream.texts()).containsExactly("m1");
	}

	@Test
	void listShowsTheRegisteredSessionsOnEveryInstance() {
		assertThat(listedIds(store())).isEmpty();
		register("s1");
		register("s2");
		peer().register(meta("s3")).block(TIMEOUT);
		store().unregister("s2").block(TIMEOUT);
		for (Store instance : new Store[] { store(), peer() }) {
			assertThat(listedIds(instance)).containsExactlyInAnyOrder("s1", "s3");
		}
	}

	@Test
	void listIsLazy() {
		Flux<Connection> listing = peer().list();
		register("s1");
		assertThat(listing.map((connection) -> connection.meta().id()).collectList().block(TIMEOUT))
			.containsExactly("s1");
	}

	@Test
	void idOfAnUnregisteredSessionCanBeRegisteredAgain() {
		register("s1");
		store().unregister("s1").block(TIMEOUT);
		Connection again = peer().register(meta("s1")).block(TIMEOUT);
		send(again, "fresh");
		assertThat(StreamRecorder.record(again.events()).awaitCount(1).texts()).containsExactly("fresh");
	}

	@Test
	void staleHandleCannotSendToANewSessionWithTheSameId() {
		List<Connection> stale = staleHandles();
		Connection current = register("s1");
		StreamRecorder stream = StreamRecorder.record(current.events());
		for (Connection handle : stale) {
			assertNotFound(() -> handle.send(Message.of("stale")).block(TIMEOUT), "s1");
		}
		send(current, "fresh");
		stream.awaitCount(1);
		assertThat(stream.texts()).containsExactly("fresh");
		stream.assertOpen();
	}

	@Test
	void staleHandleCannotCloseANewSessionWithTheSameId() {
		List<Connection> stale = staleHandles();
		Connection current = register("s1");
		StreamRecorder stream = StreamRecorder.record(current.events());
		for (Connection handle : stale) {
			assertNotFound(() -> handle.close().block(TIMEOUT), "s1");
		}
		assertThat(listedIds(peer())).containsExactly("s1");
		send(current, "still registered");
		stream.awaitCount(1);
		stream.assertOpen();
	}

	@Test
	void staleHandleCannotTakeOverTheStreamOfANewSessionWithTheSameId() {
		List<Connection> stale = staleHandles();
		Connection current = register("s1");
		StreamRecorder stream = StreamRecorder.record(current.events());
		for (Connection handle : stale) {
			assertNotFound(() -> handle.events().blockFirst(TIMEOUT), "s1");
			assertNotFound(() -> handle.events("0").blockFirst(TIMEOUT), "s1");
		}
		send(current, "still live");
		stream.awaitCount(1);
		assertThat(stream.texts()).containsExactly("still live");
		stream.assertOpen();
	}

	/**
	 * Registers session {@code s1} and unregisters it, returning the handles that
	 * {@code register} and another instance's {@code get} gave for it.
	 */
	private List<Connection> staleHandles() {
		Connection registered = register("s1");
		Connection fetched = peer().get("s1").block(TIMEOUT);
		store().unregister("s1").block(TIMEOUT);
		return List.of(registered, fetched);
	}

	static void assertNotFound(Runnable operation, String id) {
		assertThatThrownBy(operation::run).isInstanceOfSatisfying(SessionNotFoundException.class,
				(ex) -> assertThat(ex.getSessionId()).isEqualTo(id));
	}

}
