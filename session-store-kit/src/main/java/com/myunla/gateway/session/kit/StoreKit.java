package com.myunla.gateway.session.kit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.RequestInfo;
import com.myunla.gateway.session.Store;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;

/**
 * Base of the contract kits: creates the stores a test uses and closes them after it.
 *
 * <p>
 * A store implementation proves itself by extending {@link StoreCompatibilityKit}, which
 * runs every area, or a kit class of each area it runs ({@link StoreRegistryKit},
 * {@link StoreSendKit}, {@link StoreEventsKit}, {@link StoreTakeoverKit},
 * {@link StoreExpiryKit}, {@link StoreSlowConsumerKit}, {@link StoreCloseKit},
 * {@link StoreBadInputKit}) in its own tests and implementing
 * {@link #createStore(StoreSettings)}. A store shared by several instances of a gateway
 * (through a server such as Redis) also implements {@link #createPeer(StoreSettings)}, so
 * that the kit checks that every promise holds across instances.
 *
 * <p>
 * Tests wait for asynchronous outcomes by polling with a deadline ({@link #TIMEOUT}),
 * never by sleeping, and assert no timing.
 */
public abstract class StoreKit {

	/** Longest time a test waits for any single outcome. */
	protected static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final List<Store> created = new ArrayList<>();

	private @Nullable Store store;

	private @Nullable Store peer;

	/**
	 * Creates the store under test, empty, with the given settings. Called at most once
	 * per test, before any call to {@link #createPeer(StoreSettings)}; the kit closes the
	 * store after the test.
	 * @param settings the settings the kit needs
	 * @return a new store
	 */
	protected abstract Store createStore(StoreSettings settings);

	/**
	 * Creates another instance of the gateway fleet that the store of
	 * {@link #createStore(StoreSettings)} belongs to: a store with its own connections
	 * that shares that store's sessions. Called at most once per test; the kit closes it
	 * after the test. The default returns the store itself, which is right for a store
	 * that serves one instance.
	 * @param settings the same settings as the first store's
	 * @return the other instance, or the store itself
	 */
	protected Store createPeer(StoreSettings settings) {
		return store();
	}

	/**
	 * Returns the settings this kit creates its stores with.
	 * @return the settings
	 */
	protected StoreSettings settings() {
		return StoreSettings.DEFAULTS;
	}

	/**
	 * Returns the store under test of the current test, creating it on first use.
	 * @return the store
	 */
	protected final Store store() {
		Store current = this.store;
		if (current == null) {
			current = track(createStore(settings()));
			this.store = current;
		}
		return current;
	}

	/**
	 * Returns the other instance of the current test (see
	 * {@link #createPeer(StoreSettings)}), creating it on first use.
	 * @return the other instance, or the store itself for a store that serves one
	 * instance
	 */
	protected final Store peer() {
		Store current = this.peer;
		if (current == null) {
			store();
			current = track(createPeer(settings()));
			this.peer = current;
		}
		return current;
	}

	/**
	 * Closes every store the test created.
	 */
	@AfterEach
	protected void closeStores() {
		for (Store each : this.created) {
			each.close();
		}
		this.created.clear();
	}

	private Store track(Store created) {
		if (!this.created.contains(created)) {
			this.created.add(created);
		}
		return created;
	}

	/**
	 * Returns metadata of a session, with a request and extra data, created at a whole
	 * millisecond. The request holds no secret (no credentials, no cookies), which a
	 * store may keep redacted.
	 * @param id the session id
	 * @return the metadata
	 */
	protected static Meta meta(String id) {
		return new Meta(id, Instant.ofEpochMilli(1_764_000_000_123L), "/api/v1", "sse",
				new RequestInfo(Map.of("User-Agent", "kit", "Accept", "text/event-stream"), Map.of("q", "1"), Map.of()),
				"extra".getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Registers a session on the store under test.
	 * @param id the session id
	 * @return its connection
	 */
	protected final Connection register(String id) {
		return store().register(meta(id)).block(TIMEOUT);
	}

	/**
	 * Sends messages with the given texts through a connection, one after the other.
	 * @param connection the connection
	 * @param texts the messages' data
	 */
	protected static void send(Connection connection, String... texts) {
		for (String text : texts) {
			connection.send(Message.of(text)).block(TIMEOUT);
		}
	}

	/**
	 * Returns the ids of the sessions a store lists, in no particular order.
	 * @param store the store
	 * @return the ids
	 */
	protected static List<String> listedIds(Store store) {
		return store.list().map((connection) -> connection.meta().id()).collectList().block(TIMEOUT);
	}

}
