package com.example.connection;

import com.myunla.gateway.session.testsupport.RequiresValkey;
import com.myunla.gateway.session.testsupport.ServerKind;

import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

/**
 * A {@code @ServiceConnection} to a {@code valkey/valkey} container feeds the Redis
 * store.
 */
@RequiresValkey
class ValkeyServiceConnectionTests extends ServiceConnectionTests {

	@ServiceConnection
	static final ServerBackedContainer valkey = new ServerBackedContainer("valkey/valkey:8.0", ServerKind.VALKEY);

}
