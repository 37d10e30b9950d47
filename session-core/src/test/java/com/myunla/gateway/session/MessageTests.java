package com.myunla.gateway.session;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Message}.
 */
class MessageTests {

	@Test
	void messageKeepsEventAndData() {
		byte[] data = { 1, 2, 3 };
		Message message = new Message("update", data);
		assertThat(message.event()).isEqualTo("update");
		assertThat(message.data()).isSameAs(data);
	}

	@Test
	void ofTextEncodesUtf8() {
		Message message = Message.of("greeting", "grüß dich");
		assertThat(message.data()).isEqualTo("grüß dich".getBytes(StandardCharsets.UTF_8));
		assertThat(message.dataAsString()).isEqualTo("grüß dich");
	}

	@Test
	void ofTextAloneUsesTheDefaultEvent() {
		assertThat(Message.of("hello").event()).isEqualTo(Message.DEFAULT_EVENT).isEqualTo("message");
	}

	@Test
	void emptyDataIsAllowed() {
		assertThat(new Message("ping", new byte[0]).data()).isEmpty();
	}

	@Test
	void nullDataIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Message("event", null))
			.withMessageContaining("data must not be null");
	}

	@Test
	void nullTextIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> Message.of("event", null))
			.withMessageContaining("data must not be null");
	}

	@Test
	void nullEventIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Message(null, new byte[0]))
			.withMessage("Message event name must not be empty");
	}

	@Test
	void emptyEventIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> Message.of("", "data"))
			.withMessage("Message event name must not be empty");
	}

	@ParameterizedTest
	@ValueSource(strings = { "line\nfeed", "carriage\rreturn", "\n", "tab\tbed", "nul\u0000", "del\u007f" })
	void eventWithAControlCharacterIsRejected(String event) {
		assertThatIllegalArgumentException().isThrownBy(() -> Message.of(event, "data"))
			.withMessageContaining("must not contain control characters");
	}

	@Test
	void eventWithLineFeedNamesTheCharacter() {
		assertThatIllegalArgumentException().isThrownBy(() -> Message.of("a\nb", "data"))
			.withMessageEndingWith("found U+000A");
	}

	@Test
	void eventOfTheMaximumLengthIsAccepted() {
		String event = "e".repeat(Message.MAX_EVENT_LENGTH);
		assertThat(Message.of(event, "data").event()).isEqualTo(event);
	}

	@Test
	void eventLongerThanTheMaximumIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> Message.of("e".repeat(257), "data"))
			.withMessage("Message event name is 257 characters long; at most 256 are allowed");
	}

	@Test
	void messagesWithEqualEventAndDataAreEqual() {
		assertThat(Message.of("e", "same")).isEqualTo(Message.of("e", "same"))
			.hasSameHashCodeAs(Message.of("e", "same"))
			.isNotEqualTo(Message.of("e", "other"))
			.isNotEqualTo(Message.of("f", "same"));
	}

	@Test
	void toStringShowsTheSizeNotTheData() {
		assertThat(Message.of("e", "secret")).hasToString("Message[event=e, 6 bytes]");
	}

}
