package com.myunla.gateway.session.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;
import org.springframework.boot.test.context.runner.AbstractApplicationContextRunner;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.util.StreamUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that uses the memory store and does without the Redis store module
 * ({@code session-redis}, excluded from the starter), with Actuator and Micrometer:
 * plain, WebFlux and Spring MVC, it starts with its meters, the {@code sessions} endpoint
 * and the {@code sessionStore} health indicator, and loads no class of the Redis store's
 * package.
 *
 * <p>
 * How "loads no class" is checked: the auto-configuration's classes are defined by
 * {@link WithoutSessionRedis}, a class loader of their own, so that every class they link
 * against is looked up there, and so is every class the application context looks up by
 * name. It refuses the Redis store's package (as a class path without
 * {@code session-redis} would) and records each lookup of it. A linkage to a Redis class
 * would fail with {@link NoClassDefFoundError} and stop startup. Lookups by name do
 * happen: the conditions that guard the Redis configurations ask whether
 * {@code RedisStore} is present ({@code @ConditionalOnClass}); the test allows exactly
 * that lookup, refused, and no other.
 */
class MemoryOnlyApplicationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final String REDIS_PACKAGE = "com.myunla.gateway.session.redis.";

	private static final String REDIS_STORE = REDIS_PACKAGE + "RedisStore";

	private static final List<String> SESSION_AUTO_CONFIGURATIONS = List.of(
			"com.myunla.gateway.session.autoconfigure.SessionAutoConfiguration",
			"com.myunla.gateway.session.autoconfigure.SessionHealthAutoConfiguration",
			"com.myunla.gateway.session.autoconfigure.SessionMetricsAutoConfiguration",
			"com.myunla.gateway.session.autoconfigure.SessionEndpointAutoConfiguration",
			"com.myunla.gateway.session.autoconfigure.SessionWebAutoConfiguration");

	@Test
	void plainApplicationStartsWithoutTheRedisStore() {
		WithoutSessionRedis classLoader = new WithoutSessionRedis();
		memoryOnly(new ApplicationContextRunner(), classLoader).run(MemoryOnlyApplicationTests::assertStarted);
		assertThat(classLoader.refusedLookups()).containsOnly(REDIS_STORE);
	}

	@Test
	void webFluxApplicationStartsWithoutTheRedisStore() {
		WithoutSessionRedis classLoader = new WithoutSessionRedis();
		memoryOnly(new ReactiveWebApplicationContextRunner(), classLoader)
			.run(MemoryOnlyApplicationTests::assertStarted);
		assertThat(classLoader.refusedLookups()).containsOnly(REDIS_STORE);
	}

	@Test
	void springMvcApplicationStartsWithoutTheRedisStore() {
		WithoutSessionRedis classLoader = new WithoutSessionRedis();
		memoryOnly(new WebApplicationContextRunner(), classLoader).run((context) -> {
			assertStarted(context);
			assertThat(context).hasBean("sessionsEndpointServletExtension");
		});
		assertThat(classLoader.refusedLookups()).containsOnly(REDIS_STORE);
	}

	@Test
	void webApplicationsStartWithoutTheRedisLibrariesEither() {
		// the starter brings Spring Data Redis and Lettuce only through session-redis,
		// so an application that excludes it has neither
		WithoutSessionRedis reactive = new WithoutSessionRedis("org.springframework.data.redis.", "io.lettuce.");
		memoryOnly(new ReactiveWebApplicationContextRunner(), reactive).run(MemoryOnlyApplicationTests::assertStarted);
		assertThat(reactive.refusedLookups()).containsOnly(REDIS_STORE);
		WithoutSessionRedis servlet = new WithoutSessionRedis("org.springframework.data.redis.", "io.lettuce.");
		memoryOnly(new WebApplicationContextRunner(), servlet).run(MemoryOnlyApplicationTests::assertStarted);
		assertThat(servlet.refusedLookups()).containsOnly(REDIS_STORE);
	}

	private static <R extends AbstractApplicationContextRunner<R, ?, ?>> R memoryOnly(R runner,
			WithoutSessionRedis classLoader) {
		return runner.withClassLoader(classLoader)
			.withConfiguration(
					AutoConfigurations.of(EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class,
							HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
							HealthEndpointAutoConfiguration.class, MetricsAutoConfiguration.class,
							SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
			.withConfiguration(AutoConfigurations.of(classLoader.sessionAutoConfigurations()))
			.withPropertyValues("management.endpoints.web.exposure.include=health,sessions");
	}

	private static void assertStarted(ApplicationContextAssertProvider<?> context) throws Exception {
		assertThat(context).hasNotFailed();
		// the store's meters, tagged as the memory store's, and none of the Redis store's
		MeterRegistry registry = context.getBean(MeterRegistry.class);
		assertThat(registry.find("session.store.sessions.registered").tag("store", "memory").functionCounter())
			.isNotNull();
		assertThat(registry.find("session.store.probe.failures").meters()).isEmpty();
		// the endpoint answers (its types are the other class loader's, hence reflection)
		Object endpoint = context.getBean("sessionsEndpoint");
		Object page = ((Mono<?>) endpoint.getClass()
			.getMethod("sessions", String.class, Integer.class)
			.invoke(endpoint, null, null)).block(TIMEOUT);
		assertThat(page.getClass().getMethod("count").invoke(page)).isEqualTo(0L);
		// and the health indicator
		Health health = context.getBean("sessionStoreHealthIndicator", HealthIndicator.class).health(true);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("mode", "memory");
	}

	/**
	 * Defines the project's classes (package {@code com.myunla.gateway.session} and
	 * below) itself, child first, so that the classes they link against are looked up
	 * here; refuses the Redis store's package, and the extra packages it is given, as if
	 * they were not on the class path, recording every lookup of the Redis store's
	 * package. Everything else comes from the test's class loader.
	 */
	static final class WithoutSessionRedis extends ClassLoader {

		static {
			registerAsParallelCapable();
		}

		private static final String OWN_PACKAGE = "com.myunla.gateway.session.";

		private final Set<String> refused = ConcurrentHashMap.newKeySet();

		private final List<String> hidden;

		WithoutSessionRedis(String... hiddenPackages) {
			super("without-session-redis", MemoryOnlyApplicationTests.class.getClassLoader());
			this.hidden = Stream.concat(Stream.of(REDIS_PACKAGE), Stream.of(hiddenPackages)).toList();
		}

		Class<?>[] sessionAutoConfigurations() {
			return SESSION_AUTO_CONFIGURATIONS.stream().map(this::load).toArray(Class<?>[]::new);
		}

		Set<String> refusedLookups() {
			return Set.copyOf(this.refused);
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			if (isHidden(name)) {
				if (name.startsWith(REDIS_PACKAGE)) {
					this.refused.add(name);
				}
				throw new ClassNotFoundException(name);
			}
			if (!name.startsWith(OWN_PACKAGE)) {
				return super.loadClass(name, resolve);
			}
			synchronized (getClassLoadingLock(name)) {
				Class<?> loaded = findLoadedClass(name);
				return (loaded != null) ? loaded : define(name);
			}
		}

		private Class<?> define(String name) throws ClassNotFoundException {
			try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
				if (in == null) {
					throw new ClassNotFoundException(name);
				}
				byte[] bytes = StreamUtils.copyToByteArray(in);
				return defineClass(name, bytes, 0, bytes.length);
			}
			catch (IOException ex) {
				throw new ClassNotFoundException(name, ex);
			}
		}

		// the class files of hidden packages are gone too, for those who read them
		@Override
		public URL getResource(String name) {
			return isHidden(name.replace('/', '.')) ? null : super.getResource(name);
		}

		@Override
		public Enumeration<URL> getResources(String name) throws IOException {
			return isHidden(name.replace('/', '.')) ? Collections.emptyEnumeration() : super.getResources(name);
		}

		private boolean isHidden(String name) {
			return this.hidden.stream().anyMatch(name::startsWith);
		}

		private Class<?> load(String name) {
			try {
				return loadClass(name);
			}
			catch (ClassNotFoundException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
