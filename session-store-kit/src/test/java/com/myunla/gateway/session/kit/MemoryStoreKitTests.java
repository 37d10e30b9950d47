package com.myunla.gateway.session.kit;

import java.time.Clock;
import java.time.Duration;

import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.memory.MemoryStore;
import com.myunla.gateway.session.testsupport.VirtualClock;
import org.junit.jupiter.api.Nested;

/**
 * The contract kit against {@link MemoryStore}; the send area runs in the README's
 * example, {@code example.MemoryStoreSendKitTests}.
 */
class MemoryStoreKitTests {

	MemoryStore memoryStore(StoreSettings settings, Clock clock) {
		return MemoryStore.builder()
			.retention(settings.retention())
			.retentionBytes(settings.retentionBytes())
			.bufferSize(settings.bufferSize())
			.bufferBytes(settings.bufferBytes())
			.maxMessageSize(settings.maxMessageSize())
			.ttl(settings.ttl())
			.clock(clock)
			.build();
	}

	@Nested
	class Registry extends StoreRegistryKit {

		@Override
		protected Store createStore(StoreSettings settings) {
			return memoryStore(settings, Clock.systemUTC());
		}

	}

	@Nested
	class Events extends StoreEventsKit {

		@Override
		protected Store createStore(StoreSettings settings) {
			return memoryStore(settings, Clock.systemUTC());
		}

	}

	@Nested
	class Takeover extends StoreTakeoverKit {

		@Override
		protected Store createStore(StoreSettings settings) {
			return memoryStore(settings, Clock.systemUTC());
		}

	}

	@Nested
	class Expiry extends StoreExpiryKit {

		private final VirtualClock clock = new VirtualClock();

		@Override
		protected Store createStore(StoreSettings settings) {
			return memoryStore(settings, this.clock);
		}

		@Override
		protected Duration ttl() {
			return Duration.ofHours(1);
		}

		@Override
		protected void elapse(Duration duration) {
			this.clock.advance(duration);
		}

	}

	@Nested
	class SlowConsumer extends StoreSlowConsumerKit {

		@Override
		protected Store createStore(StoreSettings settings) {
			return memoryStore(settings, Clock.systemUTC());
		}

	}

	@Nested
	class Close extends StoreCloseKit {

		@Override
		protected Store createStore(StoreSettings settings) {
			return memoryStore(settings, Clock.systemUTC());
		}

	}

	@Nested
	class BadInput extends StoreBadInputKit {

		@Override
		protected Store createStore(StoreSettings settings) {
			return memoryStore(settings, Clock.systemUTC());
		}

	}

}
