package com.myunla.gateway.session.redis;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.RequestInfo;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisStoreRuntimeHints}, as an ahead-of-time build finds them: through
 * {@code META-INF/spring/aot.factories}.
 */
class RedisStoreRuntimeHintsTests {

	private final RuntimeHints hints = registeredHints();

	@Test
	void everyScriptCanBeRead() throws IOException {
		Resource[] scripts = new PathMatchingResourcePatternResolver()
			.getResources("classpath*:" + RedisStoreRuntimeHints.SCRIPTS);
		List<String> names = Arrays.stream(scripts).map(Resource::getFilename).toList();
		assertThat(names).contains("send.lua", "takeover.lua", "read.lua", "register.lua", "unregister.lua");
		for (String name : names) {
			assertThat(RuntimeHintsPredicates.resource().forResource("com/myunla/gateway/session/redis/" + name))
				.as(name)
				.accepts(this.hints);
		}
	}

	@Test
	void sessionMetadataCanBeTurnedIntoJsonAndBack() throws NoSuchMethodException {
		assertThat(RuntimeHintsPredicates.reflection().onType(Meta.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(RequestInfo.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Meta.class.getMethod("request")))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onConstructorInvocation(Meta.class.getDeclaredConstructor(String.class, java.time.Instant.class,
					String.class, String.class, RequestInfo.class, byte[].class)))
			.accepts(this.hints);
	}

	private static RuntimeHints registeredHints() {
		RuntimeHints hints = new RuntimeHints();
		List<RuntimeHintsRegistrar> registrars = SpringFactoriesLoader
			.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class);
		assertThat(registrars).hasAtLeastOneElementOfType(RedisStoreRuntimeHints.class);
		registrars
			.forEach((registrar) -> registrar.registerHints(hints, RedisStoreRuntimeHintsTests.class.getClassLoader()));
		return hints;
	}

}
