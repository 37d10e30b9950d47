package com.myunla.gateway.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Delivery}.
 */
class DeliveryTests {

	@Test
	void deliveryCarriesItsIdAndMessage() {
		Message message = Message.of("hello");
		Delivery delivery = Delivery.of("42", message);
		assertThat(delivery.id()).isEqualTo("42");
		assertThat(delivery.message()).isSameAs(message);
		assertThat(delivery.isGap()).isFalse();
	}

	@Test
	void emptyIdIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> Delivery.of("", Message.of("hello")));
	}

	@Test
	void nullMessageIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> Delivery.of("1", null));
	}

	@Test
	void gapNoticeCarriesTheClientsLastIdAndDescribesTheGap() {
		Delivery gap = Delivery.gap("5", "12");
		assertThat(gap.isGap()).isTrue();
		assertThat(gap.id()).isEqualTo("5");
		assertThat(gap.message().event()).isEqualTo(Delivery.GAP_EVENT).isEqualTo("session.gap");
		assertThat(gap.message().dataAsString()).isEqualTo("{\"lastEventId\":\"5\",\"firstAvailableId\":\"12\"}");
	}

	@Test
	void gapNoticeDiffersFromADeliveryWithTheSameId() {
		Delivery gap = Delivery.gap("5", "12");
		assertThat(gap).isEqualTo(Delivery.gap("5", "12")).isNotEqualTo(Delivery.of("5", gap.message()));
	}

}
