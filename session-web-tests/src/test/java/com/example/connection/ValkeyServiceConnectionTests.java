package com.example.connection;

import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresValkey;
import com.myunla.gateway.session.testsupport.ServerKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A {@code @ServiceConnection} to a {@code valkey/valkey} container feeds the Redis
 * store.
 */
@RequiresValkey
@SpringBootTest(properties = "session.type=redis")
@DirtiesContext
class ValkeyServiceConnectionTests {

	private static final RedisSingle server = RedisSingle.start(ServerKind.VALKEY);

	@ServiceConnection
	static final ServerBackedContainer valkey = new ServerBackedContainer("valkey/valkey:8.0", server);

	@Autowired
	private Store store;

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void storeWorksOnTheContainer() {
		StoreRoundTrip.assertRoundTripOn(this.store, server);
	}

}
