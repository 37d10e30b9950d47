package com.myunla.gateway.session.kit;

import java.time.Duration;

import com.myunla.gateway.session.Store;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;

/**
 * The whole contract kit in one class: a store implementation extends it, implements
 * {@link #createStore(StoreSettings)} (and, for a store shared by several instances of a
 * gateway, {@link #createPeer(StoreSettings)}) once, and every area of the contract runs
 * against it as a nested test class.
 *
 * <p>
 * JUnit Jupiter creates a new instance of the extending class for each test, so a factory
 * may keep per-test state in its fields (a clock the test controls, a key prefix of the
 * test's own). The areas are those of the kit classes ({@link StoreRegistryKit},
 * {@link StoreSendKit}, {@link StoreEventsKit}, {@link StoreTakeoverKit},
 * {@link StoreExpiryKit}, {@link StoreSlowConsumerKit}, {@link StoreCloseKit},
 * {@link StoreBadInputKit}), which stay available for a store that runs only some of
 * them.
 *
 * @since 0.1.0
 */
public abstract class StoreCompatibilityKit {

	/**
	 * Creates the store under test of one test, empty, with the settings the area asks
	 * for. See {@link StoreKit#createStore(StoreSettings)}.
	 * @param settings the settings the area needs
	 * @return a new store
	 */
	protected abstract Store createStore(StoreSettings settings);

	/**
	 * Creates another instance of the gateway fleet that the test's first store belongs
	 * to, or returns {@code null} for a store that serves one instance (the default): the
	 * kit then uses the first store in its place. See
	 * {@link StoreKit#createPeer(StoreSettings)}.
	 * @param settings the same settings as the first store's
	 * @return the other instance, or {@code null}
	 */
	protected @Nullable Store createPeer(StoreSettings settings) {
		return null;
	}

	/**
	 * Returns the time-to-live of the stores the expiry area creates. See
	 * {@link StoreExpiryKit#ttl()}.
	 * @return the time-to-live; three seconds unless overridden
	 */
	protected Duration expiryTtl() {
		return Duration.ofSeconds(3);
	}

	/**
	 * Lets at least the given time pass on the clock the store's expiry reads; by default
	 * waits on the system clock. See {@link StoreExpiryKit#elapse(Duration)}.
	 * @param duration how much time passes
	 * @param waitOnTheSystemClock the kit's default, to call when the store reads the
	 * system clock
	 */
	protected void elapse(Duration duration, Runnable waitOnTheSystemClock) {
		waitOnTheSystemClock.run();
	}

	/**
	 * Returns whether the store's log may lose messages that a client already received.
	 * See {@link StoreBadInputKit#logMayLoseMessagesAClientReceived()}.
	 * @return {@code false} unless overridden
	 */
	protected boolean logMayLoseMessagesAClientReceived() {
		return false;
	}

	private Store peerOf(StoreKit area, StoreSettings settings) {
		Store peer = createPeer(settings);
		return (peer != null) ? peer : area.store();
	}

	/**
	 * The registry area.
	 */
	@Nested
	class Registry extends StoreRegistryKit {

		@Override
		protected Store createStore(StoreSettings settings) {
			return StoreCompatibilityKit.this.createStore(settings);
		}

		@Override
		protected Store createPeer(StoreSettings settings) {
			return peerOf(this, settings);
		}

	}

	/**
	 * The send area.
	 */
	@Nested
	class Send extends StoreSendKit {

		@Override
		protected Store createStore(StoreSettings settings) {
			return StoreCompatibilityKit.this.createStore(settings);
		}

		@Override
		protected Store createPeer(StoreSettings settings) {
			return peerOf(this, settings);
		}

	}

	/**
	 * The events area.
	 */
	@Nested
	class Events extends StoreEventsKit {

		@Override
		protected Store createStore(StoreSettings settings) {
			return StoreCompatibilityKit.this.createStore(settings);
		}

		@Override
		protected Store createPeer(StoreSettings settings) {
			return peerOf(this, settings);
		}

	}

	/**
	 * The takeover area.
	 */
	@Nested
	class Takeover extends StoreTakeoverKit {

		@Override
		protected Store createStore(StoreSettings settings) {
			return StoreCompatibilityKit.this.createStore(settings);
		}

		@Override
		protected Store createPeer(StoreSettings settings) {
			return peerOf(this, settings);
		}

	}

	/**
	 * The expiry area.
	 */
	@Nested
	class Expiry extends StoreExpiryKit {

		@Override
		protected Store createStore(StoreSettings settings) {
			return StoreCompatibilityKit.this.createStore(settings);
		}

		@Override
		protected Store createPeer(StoreSettings settings) {
			return peerOf(this, settings);
		}

		@Override
		protected Duration ttl() {
			return expiryTtl();
		}

		@Override
		protected void elapse(Duration duration) {
			StoreCompatibilityKit.this.elapse(duration, () -> super.elapse(duration));
		}

	}

	/**
	 * The slow consumer area.
	 */
	@Nested
	class SlowConsumer extends StoreSlowConsumerKit {

		@Override
		protected Store createStore(StoreSettings settings) {
			return StoreCompatibilityKit.this.createStore(settings);
		}

		@Override
		protected Store createPeer(StoreSettings settings) {
			return peerOf(this, settings);
		}

	}

	/**
	 * The close area.
	 */
	@Nested
	class Close extends StoreCloseKit {

		@Override
		protected Store createStore(StoreSettings settings) {
			return StoreCompatibilityKit.this.createStore(settings);
		}

		@Override
		protected Store createPeer(StoreSettings settings) {
			return peerOf(this, settings);
		}

	}

	/**
	 * The bad input area.
	 */
	@Nested
	class BadInput extends StoreBadInputKit {

		@Override
		protected Store createStore(StoreSettings settings) {
			return StoreCompatibilityKit.this.createStore(settings);
		}

		@Override
		protected Store createPeer(StoreSettings settings) {
			return peerOf(this, settings);
		}

		@Override
		protected boolean logMayLoseMessagesAClientReceived() {
			return StoreCompatibilityKit.this.logMayLoseMessagesAClientReceived();
		}

	}

}
