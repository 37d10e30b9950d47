package com.myunla.gateway.session.memory;

import java.time.Duration;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.SessionExistsException;
import com.myunla.gateway.session.SessionNotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static com.myunla.gateway.session.memory.Sessions.meta;
import static com.myunla.gateway.session.memory.Sessions.register;
import static com.myunla.gateway.session.memory.Sessions.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for registering, looking up, listing and removing sessions of a {@link MemoryStore}.
 */
class MemoryStoreRegistryTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final MemoryStore store = MemoryStore.builder().build();

	@AfterEach
	void closeStore() {
		this.store.close();
	}

	@Test
	void registerReturnsAConnectionWithTheMeta() {
		Meta meta = meta("s1");
		StepVerifier.create(this.store.register(meta).map(Connection::meta)).expectNext(meta).verifyComplete();
	}

	@Test
	void registerIsLazy() {
		Mono<Connection> registration = this.store.register(meta("s1"));
		StepVerifier.create(this.store.get("s1")).verifyError(SessionNotFoundException.class);
		StepVerifier.create(registration).expectNextCount(1).verifyComplete();
		StepVerifier.create(this.store.get("s1")).expectNextCount(1).verifyComplete();
	}

	@Test
	void registerOfATakenIdSignalsSessionExists() {
		register(this.store, "s1");
		StepVerifier.create(this.store.register(meta("s1")))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(SessionExistsException.class)
				.hasMessage("Session 's1' already exists")
				.extracting((error) -> ((SessionExistsException) error).getSessionId())
				.isEqualTo("s1"))
			.verify(TIMEOUT);
	}

	@Test
	void registerOfNullMetaSignalsIllegalArgument() {
		StepVerifier.create(this.store.register(null))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessage("Meta must not be null"))
			.verify(TIMEOUT);
	}

	@Test
	void getReturnsTheRegisteredSession() {
		Connection registered = register(this.store, "s1");
		StepVerifier.create(this.store.get("s1")).expectNext(registered).verifyComplete();
	}

	@Test
	void getOfAnUnknownIdSignalsSessionNotFoundNamingIt() {
		StepVerifier.create(this.store.get("missing"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(SessionNotFoundException.class)
				.hasMessage("Session 'missing' not found")
				.extracting((error) -> ((SessionNotFoundException) error).getSessionId())
				.isEqualTo("missing"))
			.verify(TIMEOUT);
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", " ", "two words", "line\nbreak", "tab\there", "bell\u0007" })
	void getOfAnInvalidIdSignalsIllegalArgument(String id) {
		StepVerifier.create(this.store.get(id))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("Session id"))
			.verify(TIMEOUT);
	}

	@Test
	void getOfATooLongIdSignalsIllegalArgument() {
		StepVerifier.create(this.store.get("x".repeat(Meta.MAX_ID_LENGTH + 1)))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessage("Session id is 257 characters long; at most 256 are allowed"))
			.verify(TIMEOUT);
	}

	@Test
	void invalidIdIsSignalledNotThrown() {
		Mono<Connection> lookup = this.store.get(" ");
		Mono<Void> removal = this.store.unregister(" ");
		Mono<Void> sending = this.store.send(" ", Message.of("hi"));
		StepVerifier.create(lookup).verifyError(IllegalArgumentException.class);
		StepVerifier.create(removal).verifyError(IllegalArgumentException.class);
		StepVerifier.create(sending).verifyError(IllegalArgumentException.class);
	}

	@Test
	void unregisterRemovesTheSession() {
		Connection connection = register(this.store, "s1");
		StepVerifier.create(this.store.unregister("s1")).verifyComplete();
		StepVerifier.create(this.store.get("s1")).verifyError(SessionNotFoundException.class);
		StepVerifier.create(connection.send(Message.of("late"))).verifyError(SessionNotFoundException.class);
		StepVerifier.create(this.store.send("s1", Message.of("late"))).verifyError(SessionNotFoundException.class);
		StepVerifier.create(connection.events()).verifyError(SessionNotFoundException.class);
		StepVerifier.create(this.store.list()).verifyComplete();
	}

	@Test
	void unregisterIsLazy() {
		register(this.store, "s1");
		Mono<Void> removal = this.store.unregister("s1");
		StepVerifier.create(this.store.get("s1")).expectNextCount(1).verifyComplete();
		StepVerifier.create(removal).verifyComplete();
		StepVerifier.create(this.store.get("s1")).verifyError(SessionNotFoundException.class);
	}

	@Test
	void unregisterOfAnUnknownIdSignalsSessionNotFound() {
		StepVerifier.create(this.store.unregister("missing"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(SessionNotFoundException.class)
				.extracting((error) -> ((SessionNotFoundException) error).getSessionId())
				.isEqualTo("missing"))
			.verify(TIMEOUT);
	}

	@Test
	void unregisterTwiceSignalsSessionNotFoundTheSecondTime() {
		register(this.store, "s1");
		StepVerifier.create(this.store.unregister("s1")).verifyComplete();
		StepVerifier.create(this.store.unregister("s1")).verifyError(SessionNotFoundException.class);
	}

	@Test
	void unregisterCompletesTheLiveStream() {
		Connection connection = register(this.store, "s1");
		StepVerifier.create(connection.events())
			.then(() -> send(connection, "hello"))
			.assertNext((delivery) -> assertThat(delivery.message().dataAsString()).isEqualTo("hello"))
			.then(() -> this.store.unregister("s1").block())
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void unregisterLetsTheStreamDeliverWhatWasSentBeforeCompleting() {
		Connection connection = register(this.store, "s1");
		StepVerifier.create(connection.events().map(Delivery::id), 0)
			.then(() -> send(connection, "last words", "goodbye"))
			.then(() -> this.store.unregister("s1").block())
			.expectNoEvent(Duration.ofMillis(50))
			.thenRequest(2)
			.expectNext("1", "2")
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void connectionCloseUnregistersTheSession() {
		Connection connection = register(this.store, "s1");
		StepVerifier.create(connection.close()).verifyComplete();
		StepVerifier.create(this.store.get("s1")).verifyError(SessionNotFoundException.class);
		StepVerifier.create(connection.send(Message.of("late"))).verifyError(SessionNotFoundException.class);
	}

	@Test
	void connectionCloseCompletesAWaitingReader() {
		Connection connection = register(this.store, "s1");
		StepVerifier.create(connection.events())
			.expectSubscription()
			.then(() -> connection.close().block())
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void connectionCloseIsLazy() {
		Connection connection = register(this.store, "s1");
		Mono<Void> closing = connection.close();
		StepVerifier.create(this.store.get("s1")).expectNextCount(1).verifyComplete();
		StepVerifier.create(closing).verifyComplete();
		StepVerifier.create(this.store.get("s1")).verifyError(SessionNotFoundException.class);
	}

	@Test
	void connectionCloseOfAnEndedSessionSignalsSessionNotFound() {
		Connection connection = register(this.store, "s1");
		this.store.unregister("s1").block();
		StepVerifier.create(connection.close())
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(SessionNotFoundException.class)
				.extracting((error) -> ((SessionNotFoundException) error).getSessionId())
				.isEqualTo("s1"))
			.verify(TIMEOUT);
	}

	@Test
	void handleOfAnEndedSessionDoesNotReachANewSessionWithTheSameId() {
		Connection old = register(this.store, "s1");
		this.store.unregister("s1").block();
		Connection current = register(this.store, "s1");
		StepVerifier.create(old.send(Message.of("stale"))).verifyError(SessionNotFoundException.class);
		StepVerifier.create(old.close()).verifyError(SessionNotFoundException.class);
		send(current, "fresh");
		StepVerifier.create(current.events().map((delivery) -> delivery.message().dataAsString()))
			.expectNext("fresh")
			.thenCancel()
			.verify(TIMEOUT);
	}

	@Test
	void listReturnsTheRegisteredSessions() {
		register(this.store, "s1");
		register(this.store, "s2");
		register(this.store, "s3");
		this.store.unregister("s2").block();
		StepVerifier.create(this.store.list().map((connection) -> connection.meta().id()).sort())
			.expectNext("s1", "s3")
			.verifyComplete();
	}

	@Test
	void listIsLazy() {
		Flux<Connection> listing = this.store.list();
		register(this.store, "s1");
		StepVerifier.create(listing.map((connection) -> connection.meta().id())).expectNext("s1").verifyComplete();
	}

	@Test
	void listOfAnEmptyStoreCompletesEmpty() {
		StepVerifier.create(this.store.list()).verifyComplete();
	}

	@Test
	void storeSendByIdSendsToTheSession() {
		Connection connection = register(this.store, "s1");
		StepVerifier.create(this.store.send("s1", Message.of("by id"))).verifyComplete();
		StepVerifier.create(connection.events().map((delivery) -> delivery.message().dataAsString()))
			.expectNext("by id")
			.thenCancel()
			.verify(TIMEOUT);
	}

	@Test
	void storeSendByIdToAnUnknownIdSignalsSessionNotFound() {
		StepVerifier.create(this.store.send("missing", Message.of("hi")))
			.verifyError(SessionNotFoundException.class);
	}

	@Test
	void storeSendByIdIsLazy() {
		Connection connection = register(this.store, "s1");
		Mono<Void> first = this.store.send("s1", Message.of("first"));
		send(connection, "second");
		first.block();
		StepVerifier.create(connection.events().map((delivery) -> delivery.message().dataAsString()))
			.expectNext("second", "first")
			.thenCancel()
			.verify(TIMEOUT);
	}

}
