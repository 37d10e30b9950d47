package com.myunla.gateway.session.autoconfigure;

import com.myunla.gateway.session.Store;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Graceful shutdown of the store: when the application context closes, the live streams
 * on this instance complete ({@link Store#stopStreams()}) before the web server's
 * graceful shutdown waits for open requests, so that clients reconnect (to another
 * instance, where there is one) and resume there at once instead of holding the shutdown
 * up. Requests in flight (sends among them) finish, and the sessions stay registered (in
 * Redis, for the Redis store); the store itself closes after them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBean(Store.class)
class SessionShutdownConfiguration {

	/**
	 * Phase of the lifecycle that stops the streams: it stops before Spring Boot's
	 * graceful shutdown of the web server (phase
	 * {@code SmartLifecycle.DEFAULT_PHASE - 1024}), which waits for open requests,
	 * streams included.
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	@Bean
	StreamsLifecycle sessionStreamsLifecycle(Store store) {
		return new StreamsLifecycle(store);
	}

	/**
	 * Stops the store's live streams when the context stops.
	 */
	static final class StreamsLifecycle implements SmartLifecycle {

		private final Store store;

		private volatile boolean running;

		StreamsLifecycle(Store store) {
			this.store = store;
		}

		@Override
		public void start() {
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
			this.store.stopStreams();
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public int getPhase() {
			return PHASE;
		}

	}

}
