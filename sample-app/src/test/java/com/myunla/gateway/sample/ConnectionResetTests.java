package com.myunla.gateway.sample;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.StoreStatistics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that reset their connection while their stream opens, before or after its first
 * event: each stream ends and stops keeping its session alive, so that the sessions
 * expire after their (short) time-to-live. A stream the response could no longer be
 * written to would otherwise stay subscribed for good, and its session with it.
 */
abstract class ConnectionResetTests {

	/** Connections each test resets. */
	static final int CONNECTIONS = 100;

	/** The sample's session time-to-live in these tests. */
	static final Duration TTL = Duration.ofSeconds(2);

	private static final Deque<AutoCloseable> resources = new ArrayDeque<>();

	/** The sample, started by the subclass. */
	static ConfigurableApplicationContext instance;

	@ParameterizedTest
	@ValueSource(strings = { "/sse", "/mcp/sse" })
	void streamsOfConnectionsResetBeforeTheFirstEventEnd(String path) {
		stallStore();
		try (ResettingClients clients = new ResettingClients(port(), path, CONNECTIONS)) {
			awaitStalledRequest();
		}
		finally {
			resumeStore();
		}
		awaitStreamsEndedAndSessionsExpired();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/sse", "/mcp/sse" })
	void streamsOfConnectionsResetAfterTheFirstEventEnd(String path) {
		List<String> ids;
		try (ResettingClients clients = new ResettingClients(port(), path, CONNECTIONS)) {
			ids = clients.awaitEndpoints();
		}
		assertThat(ids).hasSize(CONNECTIONS).doesNotHaveDuplicates();
		awaitStreamsEndedAndSessionsExpired();
	}

	private void awaitStreamsEndedAndSessionsExpired() {
		await("streams of reset connections end").atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(statistics().streams()).isZero());
		await("sessions of reset connections expire").atMost(TTL.multipliedBy(5))
			.untilAsserted(() -> assertThat(store().list()
				.map((connection) -> connection.meta().id())
				.collectList()
				.block(Duration.ofSeconds(10))).isEmpty());
	}

	/**
	 * Holds the store's answers back, so that the connections are reset before their
	 * first event is written; by default the store is not held back.
	 */
	void stallStore() {
	}

	/**
	 * Waits until a request reached the stalled store.
	 */
	void awaitStalledRequest() {
	}

	/**
	 * Lets the stalled store answer again.
	 */
	void resumeStore() {
	}

	/**
	 * Returns the statistics of the sample's store.
	 */
	abstract StoreStatistics statistics();

	/**
	 * Closes the given resource after the tests, after those registered later.
	 */
	static <T extends AutoCloseable> T closeAfterAll(T resource) {
		resources.push(resource);
		return resource;
	}

	@AfterAll
	static void closeResources() throws Exception {
		while (!resources.isEmpty()) {
			resources.pop().close();
		}
	}

	private Store store() {
		return instance.getBean(Store.class);
	}

	private int port() {
		return instance.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

}
