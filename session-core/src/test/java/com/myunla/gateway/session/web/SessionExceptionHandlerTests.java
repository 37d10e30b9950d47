package com.myunla.gateway.session.web;

import java.time.Duration;

import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.StoreClosedException;
import com.myunla.gateway.session.memory.MemoryStore;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MimeTypeUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * How the handler tells bad input to the session API from an application's own
 * {@link IllegalArgumentException}.
 */
class SessionExceptionHandlerTests {

	@Test
	void illegalArgumentOfTheSessionApiIsBadInput() {
		IllegalArgumentException ex = catchThrowableOfType(IllegalArgumentException.class,
				() -> Message.of("a\u0001b", "data"));
		assertThat(SessionExceptionHandler.thrownBySessionApi(ex)).isTrue();
	}

	@Test
	void illegalArgumentThrownElsewhereIsNot() {
		// This test's own package is the session API's, so the exception must come from
		// elsewhere (the application's own case is covered end to end by the web tests)
		IllegalArgumentException ex = catchThrowableOfType(IllegalArgumentException.class,
				() -> MimeTypeUtils.parseMimeType("not a mime type"));
		assertThat(SessionExceptionHandler.thrownBySessionApi(ex)).isFalse();
	}

	@Test
	void requestReachingAClosedStoreIsAnsweredWithServiceUnavailable() {
		MemoryStore store = MemoryStore.builder().build();
		store.close();
		StoreClosedException ex = catchThrowableOfType(StoreClosedException.class,
				() -> store.get("s1").block(Duration.ofSeconds(5)));
		assertThat(ex).isInstanceOf(IllegalStateException.class);
		ResponseEntity<ProblemDetail> answer = new SessionExceptionHandler(Duration.ofSeconds(2)).storeClosed(ex);
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
	}

}
