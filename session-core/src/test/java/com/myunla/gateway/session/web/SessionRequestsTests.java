package com.myunla.gateway.session.web;

import java.net.URI;
import java.util.UUID;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.Redaction;
import com.myunla.gateway.session.RequestInfo;
import com.myunla.gateway.session.SessionExistsException;
import com.myunla.gateway.session.memory.MemoryStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.http.HttpHeaders;
import org.springframework.http.RequestEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SessionRequests}.
 */
class SessionRequestsTests {

	private final MemoryStore store = MemoryStore.builder().build();

	private final SessionRequests requests = new SessionRequests(this.store, Redaction.defaults());

	@AfterEach
	void closeStore() {
		this.store.close();
	}

	@Test
	void requestInfoHoldsHeadersQueryParametersAndCookies() {
		HttpHeaders headers = new HttpHeaders();
		headers.add("Accept", "text/plain");
		headers.add("Accept", "text/html");
		headers.add("Cookie", "a=1; b=\"two\"");
		headers.add("Cookie", "a=3; c");
		RequestInfo info = SessionRequests.requestInfo(headers,
				URI.create("/sessions?token=s%20t&token=second&flag&na%6De=x%2By"));
		assertThat(info.headers()).containsEntry("Accept", "text/plain, text/html");
		assertThat(info.queries()).containsOnlyKeys("token", "flag", "name")
			.containsEntry("token", "s t")
			.containsEntry("flag", "")
			.containsEntry("name", "x+y");
		assertThat(info.cookies()).containsOnlyKeys("a", "b", "c")
			.containsEntry("a", "1")
			.containsEntry("b", "two")
			.containsEntry("c", "");
	}

	@Test
	void lastEventIdIsTheHeaderOrElseTheQueryParameter() {
		HttpHeaders headers = new HttpHeaders();
		assertThat(SessionRequests.lastEventId(headers, URI.create("/events"))).isNull();
		assertThat(SessionRequests.lastEventId(headers, URI.create("/events?lastEventId=1-0%2C2"))).isEqualTo("1-0,2");
		headers.set("Last-Event-ID", "7");
		assertThat(SessionRequests.lastEventId(headers, URI.create("/events?lastEventId=1"))).isEqualTo("7");
	}

	@Test
	void registersARandomIdWithTheCompleteRequest() {
		RequestEntity<Void> request = RequestEntity.get(URI.create("/sessions?token=s3cr3t"))
			.header("Authorization", "Bearer abc")
			.build();
		Connection connection = this.requests.register(request, "sse").block();
		Meta meta = connection.meta();
		assertThat(UUID.fromString(meta.id())).hasToString(meta.id());
		assertThat(meta.prefix()).isEmpty();
		assertThat(meta.type()).isEqualTo("sse");
		assertThat(meta.request().headers()).containsEntry("Authorization", "Bearer abc");
		assertThat(meta.request().queries()).containsEntry("token", "s3cr3t");
		assertThat(this.store.get(meta.id()).block().meta()).isEqualTo(meta);
	}

	@Test
	void registersTheGivenIdAndSignalsTheStoresErrors() {
		RequestEntity<Void> request = RequestEntity.post(URI.create("/sessions")).build();
		StepVerifier.create(this.requests.register(request, "given", "/api", "sse"))
			.assertNext((connection) -> assertThat(connection.meta().prefix()).isEqualTo("/api"))
			.verifyComplete();
		StepVerifier.create(this.requests.register(request, "given", "/api", "sse"))
			.verifyError(SessionExistsException.class);
		StepVerifier.create(this.requests.register(request, "not valid", "", "sse"))
			.verifyError(IllegalArgumentException.class);
	}

}
