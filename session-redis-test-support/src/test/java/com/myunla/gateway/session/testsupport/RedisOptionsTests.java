package com.myunla.gateway.session.testsupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RedisOptions}.
 */
class RedisOptionsTests {

	@Test
	void defaultsArePlainWithoutAuthentication() {
		assertThat(RedisOptions.defaults()).isEqualTo(new RedisOptions(null, null, false));
	}

	@Test
	void withersKeepTheOtherSettings() {
		RedisOptions options = RedisOptions.defaults().withTls().withUser("app", "secret");
		assertThat(options).isEqualTo(new RedisOptions("app", "secret", true));
		assertThat(options.withPassword("other")).isEqualTo(new RedisOptions("app", "other", true));
	}

	@Test
	void userNeedsAPassword() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RedisOptions("app", null, false))
			.withMessageContaining("'app' needs a password");
	}

	@Test
	void passwordsThatWouldNeedEscapingAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> RedisOptions.defaults().withPassword("two words"));
		assertThatIllegalArgumentException().isThrownBy(() -> RedisOptions.defaults().withPassword("quo\"te"));
		assertThatIllegalArgumentException().isThrownBy(() -> RedisOptions.defaults().withPassword(""));
	}

	@Test
	void toStringHidesThePassword() {
		assertThat(RedisOptions.defaults().withUser("app", "secret"))
			.hasToString("RedisOptions[username=app, password=****, tls=false]");
	}

}
