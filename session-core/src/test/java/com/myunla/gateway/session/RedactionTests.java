package com.myunla.gateway.session;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Redaction}.
 */
class RedactionTests {

	private final RequestInfo request = new RequestInfo(
			Map.of("Authorization", "Bearer s3cret", "x-api-key", "k3y", "X-Auth-Token", "t0k", "User-Agent", "curl"),
			Map.of("token", "q-s3cret", "Access_Token", "a-s3cret", "tenant", "acme"),
			Map.of("session", "c-s3cret", "theme", "dark"));

	@Test
	void defaultsHideCommonCredentialsIgnoringCase() {
		RequestInfo safe = Redaction.defaults().apply(this.request);
		assertThat(safe.headers()).containsEntry("Authorization", Redaction.REDACTED)
			.containsEntry("x-api-key", Redaction.REDACTED)
			.containsEntry("X-Auth-Token", Redaction.REDACTED)
			.containsEntry("User-Agent", "curl");
		assertThat(safe.queries()).containsEntry("token", Redaction.REDACTED)
			.containsEntry("Access_Token", Redaction.REDACTED)
			.containsEntry("tenant", "acme");
		assertThat(safe.cookies()).containsOnly(Map.entry("session", Redaction.REDACTED),
				Map.entry("theme", Redaction.REDACTED));
		assertThat(safe.toString()).doesNotContain("s3cret", "k3y", "t0k");
		assertThat(this.request.toString()).doesNotContain("s3cret", "k3y", "t0k");
		assertThat(this.request.redacted()).isEqualTo(safe);
	}

	@Test
	void configuredNamesReplaceTheDefaults() {
		Redaction redaction = Redaction.of(List.of("User-Agent"), List.of("tenant"), List.of("session"));
		RequestInfo safe = redaction.apply(this.request);
		assertThat(safe.headers()).containsEntry("User-Agent", Redaction.REDACTED)
			.containsEntry("Authorization", "Bearer s3cret");
		assertThat(safe.queries()).containsEntry("tenant", Redaction.REDACTED).containsEntry("token", "q-s3cret");
		assertThat(safe.cookies()).containsEntry("session", Redaction.REDACTED).containsEntry("theme", "dark");
	}

	@Test
	void starStandsForEveryName() {
		Redaction redaction = Redaction.of(List.of("*"), List.of("*"), List.of());
		RequestInfo safe = redaction.apply(this.request);
		assertThat(safe.headers().values()).containsOnly(Redaction.REDACTED);
		assertThat(safe.queries().values()).containsOnly(Redaction.REDACTED);
		assertThat(safe.cookies()).isEqualTo(this.request.cookies());
	}

	@Test
	void noneKeepsEverythingAndMetaIsRedactedWithItsRequest() {
		assertThat(Redaction.none().apply(this.request)).isEqualTo(this.request);
		Meta meta = Meta.of("s1", "/api", "sse", this.request);
		assertThat(Redaction.none().apply(meta)).isSameAs(meta);
		Meta safe = Redaction.defaults().apply(meta);
		assertThat(safe.id()).isEqualTo("s1");
		assertThat(safe.createdAt()).isEqualTo(meta.createdAt());
		assertThat(safe.request()).isEqualTo(this.request.redacted());
	}

	@Test
	void nullNamesAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> Redaction.of(null, List.of(), List.of()))
			.withMessageContaining("headers");
	}

}
