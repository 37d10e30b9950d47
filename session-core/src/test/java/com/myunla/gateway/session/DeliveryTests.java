package com.myunla.gateway.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Delivery}.
 */
class DeliveryTests {

	@Test
	void deliveryIdIsTheSequenceInDecimal() {
		Message message = Message.of("hello");
		Delivery delivery = Delivery.of(42, message);
		assertThat(delivery.id()).isEqualTo("42");
		assertThat(delivery.message()).isSameAs(message);
		assertThat(delivery.isGap()).isFalse();
	}

	@Test
	void sequenceBelowOneIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> Delivery.of(0, Message.of("hello")));
	}

	@Test
	void nullMessageIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> Delivery.of(1, null));
	}

	@Test
	void gapNoticeCarriesTheClientsLastIdAndDescribesTheGap() {
		Delivery gap = Delivery.gap(5, 12);
		assertThat(gap.isGap()).isTrue();
		assertThat(gap.id()).isEqualTo("5");
		assertThat(gap.message().event()).isEqualTo(Delivery.GAP_EVENT).isEqualTo("session.gap");
		assertThat(gap.message().dataAsString()).isEqualTo("{\"lastEventId\":\"5\",\"firstAvailableId\":\"12\"}");
	}

	@Test
	void gapNoticeDiffersFromADeliveryWithTheSameId() {
		Delivery gap = Delivery.gap(5, 12);
		assertThat(gap).isEqualTo(Delivery.gap(5, 12)).isNotEqualTo(Delivery.of(5, gap.message()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "1", "42", "9223372036854775807" })
	void parseIdAcceptsNonNegativeDecimals(String id) {
		assertThat(Delivery.parseId(id)).isEqualTo(Long.parseLong(id));
	}

	@Test
	void parseIdIgnoresSurroundingWhitespace() {
		assertThat(Delivery.parseId(" 7 ")).isEqualTo(7);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "abc", "-1", "1.5", "0x10", "9223372036854775808", "+1", "+0", "-0", "\uFF11",
			"\u0661", "1\uFF10" })
	void parseIdRejectsWhatIsNotAMessageId(String id) {
		assertThatIllegalArgumentException().isThrownBy(() -> Delivery.parseId(id))
			.withMessageStartingWith("Last event id must be a non-negative decimal number");
	}

	@Test
	void parseIdQuotesTheRejectedIdSafely() {
		assertThatIllegalArgumentException().isThrownBy(() -> Delivery.parseId("a\nb"))
			.withMessageEndingWith("was 'a\\u000ab'");
	}

}
