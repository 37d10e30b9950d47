package com.myunla.gateway.session.autoconfigure;

import com.myunla.gateway.session.redis.RedisStore;

import org.springframework.context.SmartLifecycle;

/**
 * Starts the auto-configured {@link RedisStore} with the application context and closes it when the context
 * stops. Its phase is below the web server's: the store connects to Redis before the server accepts requests,
 * and closes only after the server's graceful shutdown and stop, so that requests under way can still use it.
 * A closed store does not start again.
 */
class RedisStoreLifecycle implements SmartLifecycle {

	/**
	 * The phase of the store: before the web server's start and stop lifecycle
	 * ({@code SmartLifecycle.DEFAULT_PHASE - 2048}), so it starts earlier and stops later.
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private final RedisStore store;

	private final boolean autoStartup;

	RedisStoreLifecycle(RedisStore store, boolean autoStartup) {
		this.store = store;
		this.autoStartup = autoStartup;
	}

	@Override
	public void start() {
		this.store.start();
	}

	@Override
	public void stop() {
		this.store.close();
	}

	@Override
	public boolean isRunning() {
		return this.store.isRunning();
	}

	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
