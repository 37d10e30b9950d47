package com.myunla.gateway.session.memory;

import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link MemoryIds}.
 */
class MemoryIdsTests {

	@Test
	void deliveryIdIsTheSequenceInDecimal() {
		Message message = Message.of("hello");
		Delivery delivery = MemoryIds.delivery(42, message);
		assertThat(delivery.id()).isEqualTo("42");
		assertThat(delivery.message()).isSameAs(message);
		assertThat(delivery.isGap()).isFalse();
	}

	@Test
	void sequenceBelowOneIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> MemoryIds.delivery(0, Message.of("hello")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "1", "42", "9223372036854775807" })
	void parseIdAcceptsNonNegativeDecimals(String id) {
		assertThat(MemoryIds.parse(id)).isEqualTo(Long.parseLong(id));
	}

	@Test
	void parseIdIgnoresSurroundingWhitespace() {
		assertThat(MemoryIds.parse(" 7 ")).isEqualTo(7);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "abc", "-1", "1.5", "0x10", "9223372036854775808", "+1", "+0", "-0", "\uFF11",
			"\u0661", "1\uFF10" })
	void parseIdRejectsWhatIsNotAMessageId(String id) {
		assertThatIllegalArgumentException().isThrownBy(() -> MemoryIds.parse(id))
			.withMessageStartingWith("Last event id must be a non-negative decimal number");
	}

	@Test
	void parseIdQuotesTheRejectedIdSafely() {
		assertThatIllegalArgumentException().isThrownBy(() -> MemoryIds.parse("a\nb"))
			.withMessageEndingWith("was 'a\\u000ab'");
	}

}
