package com.example.connection;

import java.time.Duration;
import java.util.UUID;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.RequestInfo;
import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.testsupport.RedisSingle;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registers a session in a store, sends it a message and reads the message from its
 * stream, and checks that the session's keys are on the given server.
 */
final class StoreRoundTrip {

	private StoreRoundTrip() {
	}

	static void assertRoundTripOn(Store store, RedisSingle server) {
		String id = UUID.randomUUID().toString();
		Connection connection = store.register(Meta.of(id, "", "sse", RequestInfo.empty())).block();
		StepVerifier.create(connection.events())
			.then(() -> store.send(id, Message.of("hello")).block())
			.assertNext((delivery) -> assertThat(delivery.message().dataAsString()).isEqualTo("hello"))
			.thenCancel()
			.verify(Duration.ofSeconds(10));
		assertThat(server.command("KEYS", "*" + id + "*")).contains(id);
	}

}
