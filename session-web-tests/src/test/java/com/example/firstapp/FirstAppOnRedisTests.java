package com.example.firstapp;

import java.util.Locale;

import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The README's first app on a real Redis, in both stacks: its {@code curl} commands print
 * what the README says, but for the Redis store's own event ids.
 */
@RequiresRedis
class FirstAppOnRedisTests {

	private static RedisSingle redis;

	@BeforeAll
	static void startRedis() {
		redis = RedisSingle.start();
	}

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = { "REACTIVE", "SERVLET" })
	void readmeCommandsPrintWhatTheReadmeSays(WebApplicationType type) throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(FirstApplication.class).web(type)
			.run("--server.port=0", "--session.type=redis", "--session.redis.addr=" + redis.address(),
					// Each run has keys of its own, so that it can register its "demo"
					// too
					"--session.redis.prefix=" + type.name().toLowerCase(Locale.ROOT),
					"--spring.mvc.problemdetails.enabled=true", "--spring.webflux.problemdetails.enabled=true");
				ReadmeFirstAppCommands commands = new ReadmeFirstAppCommands(
						context.getEnvironment().getRequiredProperty("local.server.port", Integer.class))) {
			// The README shows the memory store's first id; Redis's are its stream's
			commands.printWhatTheReadmeSays((output) -> output.replaceFirst("(?m)^id:\\d+-\\d+$", "id:1"));
		}
	}

}
