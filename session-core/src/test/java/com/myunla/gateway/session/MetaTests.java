package com.myunla.gateway.session;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Meta} and its session id checks.
 */
class MetaTests {

	private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void metaKeepsItsComponents() {
		RequestInfo request = RequestInfo.empty();
		byte[] extra = { 42 };
		Meta meta = new Meta("s1", CREATED, "/api/v1", "sse", request, extra);
		assertThat(meta.id()).isEqualTo("s1");
		assertThat(meta.createdAt()).isEqualTo(CREATED);
		assertThat(meta.prefix()).isEqualTo("/api/v1");
		assertThat(meta.type()).isEqualTo("sse");
		assertThat(meta.request()).isSameAs(request);
		assertThat(meta.extra()).isSameAs(extra);
	}

	@Test
	void ofCreatesMetaWithoutExtra() {
		Meta meta = Meta.of("s1", "", "", RequestInfo.empty());
		assertThat(meta.extra()).isEmpty();
		assertThat(meta.createdAt()).isNotNull();
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { " ", "\t", "\n" })
	void blankIdIsRejected(String id) {
		assertThatIllegalArgumentException().isThrownBy(() -> Meta.of(id, "", "", RequestInfo.empty()))
			.withMessage("Session id must not be blank");
	}

	@ParameterizedTest
	@ValueSource(strings = { "two words", "tab\there", "line\nfeed", "carriage\rreturn", "nul\u0000", "bell\u0007" })
	void idWithWhitespaceOrControlCharactersIsRejected(String id) {
		assertThatIllegalArgumentException().isThrownBy(() -> Meta.of(id, "", "", RequestInfo.empty()))
			.withMessageContaining("must not contain whitespace or control characters");
	}

	@Test
	void rejectedIdIsQuotedWithControlCharactersEscaped() {
		assertThatIllegalArgumentException().isThrownBy(() -> Meta.checkId("evil\nline"))
			.withMessage("Session id 'evil\\u000aline' must not contain whitespace or control characters");
	}

	@Test
	void idOfTheMaximumLengthIsAccepted() {
		String id = "i".repeat(Meta.MAX_ID_LENGTH);
		assertThat(Meta.of(id, "", "", RequestInfo.empty()).id()).isEqualTo(id);
	}

	@Test
	void idLongerThanTheMaximumIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> Meta.checkId("i".repeat(257)))
			.withMessage("Session id is 257 characters long; at most 256 are allowed");
	}

	@Test
	void checkIdReturnsAValidId() {
		assertThat(Meta.checkId("6f1c-uuid:like_id")).isEqualTo("6f1c-uuid:like_id");
	}

	@Test
	void nullComponentsAreRejected() {
		RequestInfo request = RequestInfo.empty();
		byte[] extra = new byte[0];
		assertThatIllegalArgumentException().isThrownBy(() -> new Meta("s1", null, "", "", request, extra))
			.withMessage("Meta of session 's1': createdAt, prefix, type, request and extra must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> new Meta("s1", CREATED, null, "", request, extra));
		assertThatIllegalArgumentException().isThrownBy(() -> new Meta("s1", CREATED, "", null, request, extra));
		assertThatIllegalArgumentException().isThrownBy(() -> new Meta("s1", CREATED, "", "", null, extra));
		assertThatIllegalArgumentException().isThrownBy(() -> new Meta("s1", CREATED, "", "", request, null));
	}

	@Test
	void metasWithEqualComponentsAreEqual() {
		Meta meta = new Meta("s1", CREATED, "/p", "sse", RequestInfo.empty(), new byte[] { 1 });
		assertThat(meta).isEqualTo(new Meta("s1", CREATED, "/p", "sse", RequestInfo.empty(), new byte[] { 1 }))
			.isNotEqualTo(new Meta("s1", CREATED, "/p", "sse", RequestInfo.empty(), new byte[] { 2 }));
	}

}
