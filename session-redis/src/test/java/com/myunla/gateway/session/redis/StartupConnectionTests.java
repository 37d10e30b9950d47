package com.myunla.gateway.session.redis;

import java.io.IOException;
import java.util.List;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StartupConnection}'s reading of startup failures.
 */
class StartupConnectionTests {

	@Test
	void refusedCredentialsAreRecognisedAlsoAsACause() {
		Throwable wrongPass = new RedisCommandExecutionException(
				"WRONGPASS invalid username-password pair or user is disabled.");
		assertThat(StartupConnection.isAuthenticationFailure(wrongPass)).isTrue();
		assertThat(StartupConnection.isAuthenticationFailure(
				new RedisConnectionException("Unable to connect", new RedisCommandExecutionException("NOAUTH"))))
			.isTrue();
		assertThat(StartupConnection.isAuthenticationFailure(new RedisConnectionException("Connection refused")))
			.isFalse();
	}

	@Test
	void refusedCredentialsWinOverLaterFailures() {
		Throwable refused = new RedisCommandExecutionException("WRONGPASS invalid username-password pair");
		Throwable closed = new RedisConnectionException("Connection closed prematurely");
		assertThat(StartupConnection.failure("single mode, 127.0.0.1:6379, db 0", List.of(refused, closed)))
			.hasMessage("Redis authentication failed (single mode, 127.0.0.1:6379, db 0): check the username and "
					+ "password")
			.hasCause(refused)
			.satisfies((failure) -> assertThat(failure.isAuthenticationFailure()).isTrue())
			.satisfies((failure) -> assertThat(failure.getTarget()).isEqualTo("single mode, 127.0.0.1:6379, db 0"));
	}

	@Test
	void otherFailuresNameTheRootCause() {
		Throwable refused = new RedisConnectionException("Unable to connect", new IOException("Connection refused"));
		assertThat(StartupConnection.failure("single mode, 127.0.0.1:1, db 0", List.of(refused)))
			.hasMessage("Cannot connect to Redis (single mode, 127.0.0.1:1, db 0): Connection refused")
			.hasCause(refused)
			.satisfies((failure) -> assertThat(failure.isAuthenticationFailure()).isFalse());
	}

}
