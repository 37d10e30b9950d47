package com.myunla.gateway.session.autoconfigure;

import java.time.Duration;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.FleetStore;
import com.myunla.gateway.session.InstrumentedStore;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.RequestInfo;
import com.myunla.gateway.session.SessionPage;
import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.StoreStatistics;
import com.myunla.gateway.session.autoconfigure.SessionsEndpoint.SessionDescriptor;
import com.myunla.gateway.session.autoconfigure.SessionsEndpoint.SessionsDescriptor;
import com.myunla.gateway.session.memory.MemoryStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * An application's own {@link Store} implementation, neither the memory nor the Redis
 * store: through {@link InstrumentedStore} and {@link FleetStore} it gets the common
 * meters with its own {@code store} tag, and the {@code sessions} endpoint shows the
 * owners it reports.
 */
class OwnStoreAutoConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SessionAutoConfiguration.class, SessionMetricsAutoConfiguration.class,
				SessionEndpointAutoConfiguration.class))
		.withUserConfiguration(OwnStoreConfiguration.class)
		.withPropertyValues("management.endpoints.web.exposure.include=sessions");

	@Test
	void ownStoreGetsTheCommonMetersWithItsKindAndInstanceAsTags() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(Store.class).getBean(Store.class).isInstanceOf(OwnStore.class);
			MeterRegistry registry = SessionStoreMetricsTests.bind(context);
			Store store = context.getBean(Store.class);
			Connection connection = store.register(meta("one")).block(TIMEOUT);
			connection.send(Message.of("hello")).block(TIMEOUT);
			assertThat(registry.get("session.store.sessions.registered").functionCounter().count()).isOne();
			assertThat(registry.get("session.store.messages.sent").functionCounter().count()).isOne();
			assertThat(registry.getMeters()).extracting((meter) -> meter.getId().getName())
				.contains("session.store.sessions.registered", "session.store.sessions.unregistered",
						"session.store.sessions.expired", "session.store.streams", "session.store.messages.sent",
						"session.store.messages.delivered", "session.store.gap.notices",
						"session.store.slow.consumer.disconnects")
				.doesNotContain("session.store.probe.failures", "session.store.messages.received");
			assertThat(registry.getMeters()).allSatisfy((meter) -> assertThat(meter.getId().getTags())
				.containsExactlyElementsOf(Tags.of("store", "own", "store.instance", "own-1")));
		});
	}

	@Test
	void sessionsEndpointShowsTheOwnStoresSessionsAndOwners() {
		this.contextRunner.run((context) -> {
			Store store = context.getBean(Store.class);
			store.register(meta("one")).block(TIMEOUT);
			SessionsEndpoint endpoint = context.getBean(SessionsEndpoint.class);
			SessionsDescriptor page = endpoint.sessions(null, null).block(TIMEOUT);
			assertThat(page.count()).isOne();
			assertThat(page.sessions()).extracting(SessionDescriptor::id, SessionDescriptor::owner)
				.containsExactly(tuple("one", "listed-owner"));
			assertThat(endpoint.session("one").block(TIMEOUT).owner()).isEqualTo("own-1");
			endpoint.delete("one").block(TIMEOUT);
			assertThat(endpoint.session("one").blockOptional(TIMEOUT)).isEmpty();
		});
	}

	private static Meta meta(String id) {
		return Meta.of(id, "", "sse", RequestInfo.empty());
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnStoreConfiguration {

		@Bean
		OwnStore ownStore() {
			return new OwnStore(new MemoryStore());
		}

	}

	/**
	 * A store of the application's own, here delegating to a memory store, that reports
	 * its own kind, statistics, instance and owners.
	 */
	static final class OwnStore implements InstrumentedStore, FleetStore {

		private final MemoryStore delegate;

		OwnStore(MemoryStore delegate) {
			this.delegate = delegate;
		}

		@Override
		public String kind() {
			return "own";
		}

		@Override
		public StoreStatistics statistics() {
			return this.delegate.statistics();
		}

		@Override
		public String instanceId() {
			return "own-1";
		}

		@Override
		public Mono<String> owner(String id) {
			return Mono.just("own-1");
		}

		@Override
		public @Nullable String listedOwner(Connection connection) {
			return "listed-owner";
		}

		@Override
		public Mono<Connection> register(Meta meta) {
			return this.delegate.register(meta);
		}

		@Override
		public Mono<Connection> get(String id) {
			return this.delegate.get(id);
		}

		@Override
		public Mono<Void> unregister(String id) {
			return this.delegate.unregister(id);
		}

		@Override
		public Mono<SessionPage> list(@Nullable String cursor, int pageSize) {
			return this.delegate.list(cursor, pageSize);
		}

		@Override
		public Mono<Long> count() {
			return this.delegate.count();
		}

		@Override
		public void stopStreams() {
			this.delegate.stopStreams();
		}

		@Override
		public void close() {
			this.delegate.close();
		}

	}

}
