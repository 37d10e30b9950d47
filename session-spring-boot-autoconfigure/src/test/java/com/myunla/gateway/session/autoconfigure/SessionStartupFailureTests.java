package com.myunla.gateway.session.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What a user sees when a real application fails to start because of a bad {@code session.*} setting: Spring
 * Boot's failure analysis, not just an exception.
 */
@ExtendWith(OutputCaptureExtension.class)
class SessionStartupFailureTests {

	@Test
	void unknownStoreTypeListsTheValidValues(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--session.type=mongo"));
		assertThat(output).contains("session.type")
			.contains("mongo")
			.contains("The following values are valid")
			.contains("MEMORY")
			.contains("REDIS");
	}

	@Test
	void zeroTtlSaysWhy(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--session.memory.ttl=0s"));
		assertThat(output).contains("session.memory.ttl must be positive");
	}

	private static void run(String... args) {
		new SpringApplicationBuilder(EmptyApplication.class).web(WebApplicationType.NONE).run(args).close();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(SessionAutoConfiguration.class)
	static class EmptyApplication {

	}

}
