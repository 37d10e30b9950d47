package com.myunla.gateway.session.redis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link HostAndPort}.
 */
class HostAndPortTests {

	@Test
	void parsesHostNameAndIpv4() {
		assertThat(HostAndPort.parse("redis.example.com:6380")).isEqualTo(new HostAndPort("redis.example.com", 6380));
		assertThat(HostAndPort.parse(" 127.0.0.1:6379 ")).isEqualTo(new HostAndPort("127.0.0.1", 6379));
	}

	@Test
	void parsesIpv6InBracketsAndWithout() {
		assertThat(HostAndPort.parse("[::1]:6379")).isEqualTo(new HostAndPort("::1", 6379));
		assertThat(HostAndPort.parse("[fe80::1:2]:26379")).isEqualTo(new HostAndPort("fe80::1:2", 26379));
		assertThat(HostAndPort.parse("::1:6379")).isEqualTo(new HostAndPort("::1", 6379));
	}

	@Test
	void printsIpv6InBrackets() {
		assertThat(new HostAndPort("::1", 6379)).hasToString("[::1]:6379");
		assertThat(new HostAndPort("localhost", 6379)).hasToString("localhost:6379");
	}

	@Test
	void parsesListsSeparatedByCommasOrSemicolonsSkippingBlanks() {
		assertThat(HostAndPort.parseAll("a:1, [::1]:2;b:3,,")).containsExactly(new HostAndPort("a", 1),
				new HostAndPort("::1", 2), new HostAndPort("b", 3));
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "localhost", "localhost:", ":6379", "[::1]6379", "[::1:6379", "::1]:6379", "a b:1", "a:1;b:2" })
	void rejectsWhatIsNotHostAndPort(String address) {
		assertThatIllegalArgumentException().isThrownBy(() -> HostAndPort.parse(address))
			.withMessageContaining("Redis address '" + address.trim() + "' is not host:port");
	}

	@ParameterizedTest
	@ValueSource(strings = { "localhost:0", "localhost:65536", "localhost:port", "localhost:-1" })
	void rejectsInvalidPorts(String address) {
		assertThatIllegalArgumentException().isThrownBy(() -> HostAndPort.parse(address))
			.withMessage("Redis address '" + address + "' has no valid port (1 to 65535)");
	}

	@Test
	void rejectsAnEmptyList() {
		assertThatIllegalArgumentException().isThrownBy(() -> HostAndPort.parseAll(" , "))
			.withMessage("Redis addresses must name at least one host:port, was ' , '");
	}

}
