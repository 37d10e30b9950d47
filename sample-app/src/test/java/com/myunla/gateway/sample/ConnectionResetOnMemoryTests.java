package com.myunla.gateway.sample;

import com.myunla.gateway.session.StoreStatistics;
import com.myunla.gateway.session.memory.MemoryStore;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Connections reset while their stream opens, on the memory store. The store answers on
 * the request's own thread, so it cannot be stalled: a reset right after the request
 * races the first event.
 */
class ConnectionResetOnMemoryTests extends ConnectionResetTests {

	@BeforeAll
	static void start() {
		instance = closeAfterAll(new SpringApplicationBuilder(SampleApplication.class).run("--server.port=0",
				"--session.type=memory", "--session.memory.ttl=" + TTL.toMillis() + "ms"));
	}

	@Override
	StoreStatistics statistics() {
		return instance.getBean(MemoryStore.class).statistics();
	}

}
