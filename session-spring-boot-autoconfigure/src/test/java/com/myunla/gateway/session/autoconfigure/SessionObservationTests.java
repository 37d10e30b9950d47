package com.myunla.gateway.session.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.RequestInfo;
import com.myunla.gateway.session.Store;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store observes with Spring Boot's {@code ObservationRegistry}, and Boot's
 * {@code management.observations.enable.session} turns its observations off.
 */
class SessionObservationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, SessionAutoConfiguration.class))
		.withBean(RecordingHandler.class);

	@Test
	void storeObservesSendsAndDeliveriesWithTheApplicationsRegistry() {
		this.contextRunner.run((context) -> {
			sendAndReceive(context.getBean(Store.class));
			assertThat(context.getBean(RecordingHandler.class).names).contains("session.send", "session.delivery");
		});
	}

	@Test
	void bootsObservationPropertyTurnsTheStoresObservationsOff() {
		this.contextRunner.withPropertyValues("management.observations.enable.session=false").run((context) -> {
			sendAndReceive(context.getBean(Store.class));
			assertThat(context.getBean(RecordingHandler.class).names).noneMatch((name) -> name.startsWith("session."));
		});
	}

	private static void sendAndReceive(Store store) {
		Connection connection = store
			.register(Meta.of("s1", "/api", "sse", new RequestInfo(Map.of(), Map.of(), Map.of())))
			.block();
		connection.send(Message.of("hello")).block();
		List<Delivery> delivered = connection.events().take(1).collectList().block(Duration.ofSeconds(10));
		assertThat(delivered).extracting((delivery) -> delivery.message().dataAsString()).containsExactly("hello");
	}

	static class RecordingHandler implements ObservationHandler<Observation.Context> {

		final List<String> names = new CopyOnWriteArrayList<>();

		@Override
		public void onStart(Observation.Context context) {
			this.names.add(context.getName());
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

}
