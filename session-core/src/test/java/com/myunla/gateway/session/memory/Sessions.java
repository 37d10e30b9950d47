package com.myunla.gateway.session.memory;

import java.util.List;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.RequestInfo;
import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.testsupport.VirtualClock;

/**
 * Shortcuts for the tests of the memory store.
 */
final class Sessions {

	private Sessions() {
	}

	/**
	 * Returns a builder of a store reading the clock and sweeping on its scheduler.
	 */
	static MemoryStoreBuilder onVirtualTime(VirtualClock clock) {
		return MemoryStore.builder().clock(clock).scheduler(clock.scheduler());
	}

	static Meta meta(String id) {
		return Meta.of(id, "/api/v1", "sse", RequestInfo.empty());
	}

	static Connection register(Store store, String id) {
		return store.register(meta(id)).block();
	}

	static void send(Connection connection, String... texts) {
		for (String text : texts) {
			connection.send(Message.of(text)).block();
		}
	}

	static List<String> ids(List<Delivery> deliveries) {
		return deliveries.stream().map(Delivery::id).toList();
	}

	static List<String> texts(List<Delivery> deliveries) {
		return deliveries.stream().map((delivery) -> delivery.message().dataAsString()).toList();
	}

}
