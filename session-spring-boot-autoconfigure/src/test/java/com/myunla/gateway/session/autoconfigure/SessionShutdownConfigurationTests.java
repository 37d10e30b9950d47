package com.myunla.gateway.session.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.RequestInfo;
import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.autoconfigure.SessionShutdownConfiguration.StreamsLifecycle;
import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stopping the store's streams when the application context stops.
 */
class SessionShutdownConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SessionAutoConfiguration.class));

	@Test
	void stoppingTheContextCompletesTheMemoryStoresLiveStreamsAndKeepsTheSession() {
		this.contextRunner.run(SessionShutdownConfigurationTests::stopCompletesStreamsAndKeepsTheSession);
	}

	private static void stopCompletesStreamsAndKeepsTheSession(ApplicationContext context) {
		Store store = context.getBean(Store.class);
		Connection connection = store.register(Meta.of("s1", "", "sse", RequestInfo.empty())).block(TIMEOUT);
		List<Delivery> delivered = new CopyOnWriteArrayList<>();
		AtomicBoolean completed = new AtomicBoolean();
		connection.events().subscribe(delivered::add, null, () -> completed.set(true));
		connection.send(Message.of("one")).block(TIMEOUT);
		await().atMost(TIMEOUT).until(() -> delivered.size() == 1);
		StreamsLifecycle lifecycle = context.getBean(StreamsLifecycle.class);
		assertThat(lifecycle.isRunning()).isTrue();
		lifecycle.stop();
		await().atMost(TIMEOUT).untilTrue(completed);
		// a stream opened afterwards completes at once: its client goes to another
		// instance
		StepVerifier.create(connection.events()).expectComplete().verify(TIMEOUT);
		assertThat(store.get("s1").block(TIMEOUT).meta().id()).isEqualTo("s1");
		store.send("s1", Message.of("two")).block(TIMEOUT);
	}

	@Nested
	@RequiresRedis
	class OnRedis {

		@Test
		void stoppingTheContextCompletesLiveStreamsAndKeepsTheSession() {
			try (RedisSingle redis = RedisSingle.start()) {
				SessionShutdownConfigurationTests.this.contextRunner
					.withPropertyValues("session.type=redis", "session.redis.addr=" + redis.address())
					.run(SessionShutdownConfigurationTests::stopCompletesStreamsAndKeepsTheSession);
			}
		}

	}

}
