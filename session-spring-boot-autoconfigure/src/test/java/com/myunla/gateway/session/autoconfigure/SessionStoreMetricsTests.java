package com.myunla.gateway.session.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.RequestInfo;
import com.myunla.gateway.session.SlowConsumerException;
import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The session store's meters and their values, on the memory store and on a real Redis
 * server.
 */
class SessionStoreMetricsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(SessionAutoConfiguration.class, SessionMetricsAutoConfiguration.class));

	@Test
	void memoryStoreCountsSessionsMessagesStreamsGapsAndSlowConsumers() {
		this.contextRunner.withPropertyValues("session.retention=2", "session.buffer-size=1").run((context) -> {
			MeterRegistry registry = bind(context);
			Store store = context.getBean(Store.class);
			Connection one = store.register(meta("one")).block(TIMEOUT);
			store.register(meta("two")).block(TIMEOUT);
			store.register(meta("three")).block(TIMEOUT);
			store.unregister("two").block(TIMEOUT);
			for (int i = 0; i < 4; i++) {
				one.send(Message.of("m" + i)).block(TIMEOUT);
			}
			// resuming after id 1 with only 3 and 4 retained: a gap notice, then two
			// messages
			List<Delivery> delivered = new CopyOnWriteArrayList<>();
			Disposable stream = one.events("1").subscribe(delivered::add);
			await().atMost(TIMEOUT).until(() -> delivered.size() == 3);
			assertThat(value(registry, "session.store.streams")).isEqualTo(1);
			stream.dispose();
			assertThat(value(registry, "session.store.streams")).isZero();
			// a stream that requests nothing falls behind by more than its buffer of one
			StepVerifier.create(one.events(), 0)
				.then(() -> one.send(Message.of("m4")).block(TIMEOUT))
				.then(() -> one.send(Message.of("m5")).block(TIMEOUT))
				.expectError(SlowConsumerException.class)
				.verify(TIMEOUT);
			store.unregister("one").block(TIMEOUT);
			assertThat(value(registry, "session.store.sessions.registered")).isEqualTo(3);
			assertThat(value(registry, "session.store.sessions.unregistered")).isEqualTo(2);
			assertThat(value(registry, "session.store.sessions.expired")).isZero();
			assertThat(value(registry, "session.store.messages.sent")).isEqualTo(6);
			assertThat(value(registry, "session.store.messages.delivered")).isEqualTo(2);
			assertThat(value(registry, "session.store.gap.notices")).isEqualTo(1);
			assertThat(value(registry, "session.store.slow.consumer.disconnects")).isEqualTo(1);
			assertThat(registry.find("session.store.delivery.latency").timer()).isNull();
			assertThat(registry.getMeters())
				.allSatisfy((meter) -> assertThat(meter.getId().getTags()).containsExactly(Tag.of("store", "memory")));
		});
	}

	@Test
	void memoryStoreCountsExpiredSessions() {
		this.contextRunner.withPropertyValues("session.memory.ttl=100ms").run((context) -> {
			MeterRegistry registry = bind(context);
			Store store = context.getBean(Store.class);
			store.register(meta("idle")).block(TIMEOUT);
			// counting finds the session idle past its ttl
			await().atMost(TIMEOUT).until(() -> store.count().block(TIMEOUT) == 0);
			assertThat(value(registry, "session.store.sessions.expired")).isEqualTo(1);
			assertThat(value(registry, "session.store.sessions.unregistered")).isZero();
		});
	}

	@Test
	void tagsProviderBeanReplacesTheDefaults() {
		this.contextRunner.withUserConfiguration(TagsConfiguration.class).run((context) -> {
			MeterRegistry registry = bind(context);
			assertThat(registry.get("session.store.streams").meter().getId().getTags())
				.containsExactlyElementsOf(Tags.of("region", "eu", "store", "memory"));
		});
	}

	// as Spring Boot binds them: every binder of the context
	static MeterRegistry bind(ApplicationContext context) {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		context.getBeansOfType(MeterBinder.class).values().forEach((binder) -> binder.bindTo(registry));
		return registry;
	}

	private static double value(MeterRegistry registry, String name) {
		Meter meter = registry.get(name).meter();
		return meter.measure().iterator().next().getValue();
	}

	private static Meta meta(String id) {
		return Meta.of(id, "", "sse", RequestInfo.empty());
	}

	@Configuration(proxyBeanMethods = false)
	static class TagsConfiguration {

		@Bean
		SessionMetricsTagsProvider regionTags() {
			return (store) -> Tags.of(new DefaultSessionMetricsTagsProvider().tags(store)).and("region", "eu");
		}

	}

	@Nested
	@RequiresRedis
	class OnRedis {

		@Test
		void redisStoreCountsReplaysLiveDeliveriesTheirLatencyAndExpiry() {
			try (RedisSingle redis = RedisSingle.start()) {
				SessionStoreMetricsTests.this.contextRunner
					.withPropertyValues("session.type=redis", "session.redis.addr=" + redis.address(),
							"session.redis.instance-id=gw-1", "session.redis.ttl=300ms")
					.run((context) -> {
						MeterRegistry registry = bind(context);
						Store store = context.getBean(Store.class);
						Connection connection = store.register(meta("s1")).block(TIMEOUT);
						for (int i = 0; i < 3; i++) {
							connection.send(Message.of("old" + i)).block(TIMEOUT);
						}
						List<Delivery> delivered = new CopyOnWriteArrayList<>();
						Disposable stream = connection.events("0-0").subscribe(delivered::add);
						await().atMost(TIMEOUT).until(() -> delivered.size() == 3);
						for (int i = 0; i < 2; i++) {
							connection.send(Message.of("live" + i)).block(TIMEOUT);
							int expected = 4 + i;
							await().atMost(TIMEOUT).until(() -> delivered.size() == expected);
						}
						assertThat(value(registry, "session.store.messages.sent")).isEqualTo(5);
						assertThat(value(registry, "session.store.messages.delivered")).isEqualTo(5);
						assertThat(value(registry, "session.store.messages.replayed")).isEqualTo(3);
						assertThat(value(registry, "session.store.messages.received")).isEqualTo(2);
						assertThat(registry.get("session.store.delivery.latency").timer().count()).isEqualTo(2);
						assertThat(value(registry, "session.store.streams")).isEqualTo(1);
						assertThat(value(registry, "session.store.probe.failures")).isZero();
						assertThat(registry.get("session.store.streams").meter().getId().getTags())
							.containsExactlyElementsOf(Tags.of("store", "redis", "store.instance", "gw-1"));
						assertThat(registry.getMeters()).noneMatch((meter) -> meter.getId().getTag("instance") != null);
						stream.dispose();
						store.unregister("s1").block(TIMEOUT);
						store.register(meta("idle")).block(TIMEOUT);
						// the idle session's keys expire; the index sweep then finds it
						// gone
						await().atMost(Duration.ofSeconds(20))
							.until(() -> value(registry, "session.store.sessions.expired") == 1);
						assertThat(value(registry, "session.store.sessions.registered")).isEqualTo(2);
						assertThat(value(registry, "session.store.sessions.unregistered")).isEqualTo(1);
						assertThat(value(registry, "session.store.streams")).isZero();
					});
			}
		}

	}

}
