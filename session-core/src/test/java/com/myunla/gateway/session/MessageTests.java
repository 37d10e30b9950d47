package com.myunla.gateway.session;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
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

	@Test
	void messagesHaveNoHeadersUnlessGiven() {
		Message message = Message.of("e", "data");
		assertThat(message.headers()).isEmpty();
		assertThat(message.header("traceparent")).isNull();
	}

	@Test
	void headersTravelWithTheMessageAndCountForEquality() {
		Message plain = Message.of("e", "data");
		Message message = plain.withHeaders(Map.of("traceparent", "00-abc-def-01", "empty", ""));
		assertThat(message.header("traceparent")).isEqualTo("00-abc-def-01");
		assertThat(message.header("empty")).isEmpty();
		assertThat(message.data()).isSameAs(plain.data());
		assertThat(message)
			.isEqualTo(Message.of("e", "data").withHeaders(Map.of("empty", "", "traceparent", "00-abc-def-01")))
			.hasSameHashCodeAs(Message.of("e", "data").withHeaders(Map.of("empty", "", "traceparent", "00-abc-def-01")))
			.isNotEqualTo(plain);
		assertThat(message.withHeaders(Map.of())).isEqualTo(plain);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> message.headers().put("other", "value"));
	}

	@Test
	void toStringShowsHeaderNamesNotValues() {
		assertThat(Message.of("e", "secret").withHeaders(Map.of("b3", "secret-value")))
			.hasToString("Message[event=e, 6 bytes, headers=[b3]]");
	}

	@Test
	void invalidHeadersAreRejected() {
		Message message = Message.of("e", "data");
		assertThatIllegalArgumentException().isThrownBy(() -> message.withHeaders(Map.of("", "v")))
			.withMessage("Message header name must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> message.withHeaders(Map.of("a\nb", "v")))
			.withMessage("Message header name must not contain control characters, found U+000A");
		assertThatIllegalArgumentException().isThrownBy(() -> message.withHeaders(Map.of("n", "v\tw")))
			.withMessage("Message header value must not contain control characters, found U+0009");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> message.withHeaders(Map.of("n".repeat(Message.MAX_HEADER_NAME_LENGTH + 1), "v")))
			.withMessage("Message header name is 65 characters long; at most 64 are allowed");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> message.withHeaders(Map.of("n", "v".repeat(Message.MAX_HEADER_VALUE_LENGTH + 1))))
			.withMessage("Message header value is 1025 characters long; at most 1024 are allowed");
		Map<String, String> many = new HashMap<>();
		for (int i = 0; i <= Message.MAX_HEADERS; i++) {
			many.put("h" + i, "v");
		}
		assertThatIllegalArgumentException().isThrownBy(() -> message.withHeaders(many))
			.withMessage("Message has 17 headers; at most 16 are allowed");
		Map<String, String> nullValue = new HashMap<>();
		nullValue.put("n", null);
		assertThatIllegalArgumentException().isThrownBy(() -> message.withHeaders(nullValue))
			.withMessage("Message header value must not be null");
	}

	@Test
	void headersOfTheMaximumSizeAreAccepted() {
		Map<String, String> headers = new HashMap<>();
		for (int i = 0; i < Message.MAX_HEADERS; i++) {
			headers.put(i + "n".repeat(Message.MAX_HEADER_NAME_LENGTH - 2),
					"v".repeat(Message.MAX_HEADER_VALUE_LENGTH));
		}
		assertThat(Message.of("e", "data").withHeaders(headers).headers()).isEqualTo(headers);
	}

}
