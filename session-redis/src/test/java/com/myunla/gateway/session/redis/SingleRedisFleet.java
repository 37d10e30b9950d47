package com.myunla.gateway.session.redis;

import java.util.concurrent.ThreadLocalRandom;

import com.myunla.gateway.session.testsupport.RedisSingle;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real single Redis server for the tests of a class, and for each test the
 * {@link RedisStores} of a gateway fleet on it, with a key prefix and topic of the test's
 * own so that tests never see each other's sessions. Registered as a static field with
 * {@code @RegisterExtension}; it starts the server before the class's tests and stops it
 * after them, and closes each test's stores after the test.
 */
final class SingleRedisFleet implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

	private @Nullable RedisSingle server;

	private @Nullable RedisStores stores;

	private String prefix = "";

	@Override
	public void beforeAll(ExtensionContext context) {
		this.server = RedisSingle.start();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		String address = server().address();
		String prefix = "t" + ThreadLocalRandom.current().nextInt(1_000_000);
		this.prefix = prefix;
		this.stores = new RedisStores((builder) -> {
			builder.addresses(address);
			builder.prefix(prefix);
			builder.topic(prefix + "_updates");
		});
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (this.stores != null) {
			this.stores.close();
			this.stores = null;
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (this.server != null) {
			this.server.close();
			this.server = null;
		}
	}

	RedisSingle server() {
		if (this.server == null) {
			throw new IllegalStateException("Redis is not started");
		}
		return this.server;
	}

	/**
	 * Returns the stores of the current test.
	 */
	RedisStores stores() {
		if (this.stores == null) {
			throw new IllegalStateException("No test runs");
		}
		return this.stores;
	}

	/**
	 * Returns the key prefix of the current test; its topic is the prefix followed by
	 * {@code _updates}.
	 */
	String prefix() {
		return this.prefix;
	}

	/**
	 * Sends a command to the server, see {@link RedisSingle#command(String...)}.
	 */
	String command(String... arguments) {
		return server().command(arguments);
	}

}
