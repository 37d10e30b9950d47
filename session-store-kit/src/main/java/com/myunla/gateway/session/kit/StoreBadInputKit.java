package com.myunla.gateway.session.kit;

import java.util.stream.Stream;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Contract of bad input: invalid session ids, a missing meta or message, a message over
 * the size limit, and a last event id that is not a message id are signalled as
 * {@link IllegalArgumentException} with a message saying what is wrong, never thrown, and
 * change nothing. So is a last event id after the session's last message, unless the
 * store's log may lose its newest messages
 * ({@link #logMayLoseMessagesAClientReceived()}).
 *
 * <p>
 * Runs with a largest message size of {@value #MAX_MESSAGE_SIZE} bytes.
 */
public abstract class StoreBadInputKit extends StoreKit {

	/** Largest message data size of the store under test, in bytes. */
	protected static final int MAX_MESSAGE_SIZE = 100;

	@Override
	protected StoreSettings settings() {
		return StoreSettings.DEFAULTS.withMaxMessageSize(MAX_MESSAGE_SIZE);
	}

	static Stream<@Nullable String> invalidIds() {
		return Stream.of(null, "", " ", "two words", "line\nbreak", "tab\there", "bell\u0007",
				"x".repeat(Meta.MAX_ID_LENGTH + 1));
	}

	@ParameterizedTest
	@MethodSource("invalidIds")
	void invalidIdIsSignalledAsIllegalArgument(@Nullable String id) {
		Mono<Connection> lookup = store().get(id);
		Mono<Void> removal = store().unregister(id);
		Mono<Void> sending = store().send(id, Message.of("hi"));
		for (Mono<?> operation : new Mono<?>[] { lookup, removal, sending }) {
			assertThatThrownBy(() -> operation.block(TIMEOUT)).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("Session id");
		}
	}

	@Test
	void missingMetaOrMessageIsSignalledAsIllegalArgument() {
		Connection connection = register("s1");
		assertThatThrownBy(() -> store().register(null).block(TIMEOUT)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> connection.send(null).block(TIMEOUT)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> peer().send("s1", null).block(TIMEOUT)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void messageOverTheSizeLimitIsRejectedAndTakesNoPlace() {
		Connection connection = register("s1");
		assertThatThrownBy(() -> connection.send(new Message("big", new byte[MAX_MESSAGE_SIZE + 1])).block(TIMEOUT))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining(Integer.toString(MAX_MESSAGE_SIZE + 1))
			.hasMessageContaining(Integer.toString(MAX_MESSAGE_SIZE));
		assertThatThrownBy(() -> peer().send("s1", new Message("big", new byte[MAX_MESSAGE_SIZE + 1])).block(TIMEOUT))
			.isInstanceOf(IllegalArgumentException.class);
		connection.send(new Message("largest", new byte[MAX_MESSAGE_SIZE])).block(TIMEOUT);
		StreamRecorder stream = StreamRecorder.record(connection.events());
		send(connection, "after");
		stream.awaitText("after");
		assertThat(stream.deliveries()).extracting(Delivery::message)
			.extracting(Message::event)
			.containsExactly("largest", "message");
	}

	@ParameterizedTest
	@ValueSource(strings = { "yesterday", "-1", "1.5", "abc-def", "+1", "+1-0", "\uFF11", "\uFF11-0" })
	void lastEventIdThatIsNotAMessageIdIsRejectedWithoutTakingOver(String lastEventId) {
		Connection connection = register("s1");
		StreamRecorder live = StreamRecorder.record(connection.events());
		Flux<Delivery> resume = peer().get("s1").block(TIMEOUT).events(lastEventId);
		assertThatThrownBy(() -> resume.blockFirst(TIMEOUT)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining(lastEventId);
		send(connection, "still here");
		assertThat(live.awaitCount(1).texts()).containsExactly("still here");
		live.assertOpen();
	}

	/**
	 * Returns whether the store's log may lose messages that a client already received: a
	 * store replicated asynchronously (such as Redis) may fail over to a replica that
	 * lacks the newest ones. A last event id after the session's last message may then be
	 * one that a client legitimately holds: such a store opens the stream after its last
	 * message and starts it with a gap notice, where any other store rejects the id.
	 * @return {@code false} unless overridden
	 */
	protected boolean logMayLoseMessagesAClientReceived() {
		return false;
	}

	@Test
	void lastEventIdAfterTheSessionsLastMessageIsRejectedOrResumedAfterItWithAGapNotice() {
		Connection connection = register("s1");
		send(connection, "before");
		StreamRecorder live = StreamRecorder.record(connection.events());
		live.awaitCount(1);
		// an id the store gave a message of another session sent later: valid, but no
		// message of s1 has it yet
		Connection other = register("s2");
		send(other, "o1", "o2");
		String ahead = StreamRecorder.record(other.events()).awaitCount(2).ids().get(1);
		Flux<Delivery> resume = peer().get("s1").block(TIMEOUT).events(ahead);
		if (!logMayLoseMessagesAClientReceived()) {
			assertThatThrownBy(() -> resume.blockFirst(TIMEOUT)).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining(ahead);
			send(connection, "still here");
			assertThat(live.awaitCount(2).texts()).containsExactly("before", "still here");
			live.assertOpen();
			return;
		}
		StreamRecorder resumed = StreamRecorder.record(resume);
		// the resumed stream takes over: the earlier one completes
		live.awaitCompletion();
		send(connection, "after");
		resumed.awaitCount(2);
		assertThat(resumed.deliveries().get(0).isGap()).isTrue();
		assertThat(resumed.deliveries().get(0).id()).isEqualTo(ahead);
		assertThat(resumed.texts().get(1)).isEqualTo("after");
		resumed.assertOpen();
	}

}
