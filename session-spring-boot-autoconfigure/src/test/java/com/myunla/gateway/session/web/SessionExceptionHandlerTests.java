package com.myunla.gateway.session.web;

import com.myunla.gateway.session.Message;
import org.junit.jupiter.api.Test;

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
		// elsewhere (the
		// application's own case is covered end to end by the web tests)
		IllegalArgumentException ex = catchThrowableOfType(IllegalArgumentException.class,
				() -> MimeTypeUtils.parseMimeType("not a mime type"));
		assertThat(SessionExceptionHandler.thrownBySessionApi(ex)).isFalse();
	}

}
