package com.myunla.gateway.session.kit;

import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.redis.RedisStore;
import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract kit against {@link RedisStore} on a real single Redis server, each test
 * with two store instances (each with its own Redis client) as two instances of a
 * gateway.
 */
@RequiresRedis
class RedisStoreKitTests {

	/**
	 * Why the Redis runs of a kit test about the gap notice's id are disabled until the
	 * store is fixed.
	 */
	static final String GAP_ID_IS_NOT_THE_CLIENTS = "RedisStore: a gap notice for last event id 0 carries the id 0-0 "
			+ "instead of the client's own 0 (Delivery#id()); re-enable once fixed";

	/**
	 * Why the Redis runs of kit tests that resume past the buffer size are disabled until
	 * the store is fixed.
	 */
	static final String LONG_REPLAY_STALLS = "RedisStore: a resume that replays more than bufferSize messages can stop "
			+ "after bufferSize deliveries, open and without error: LiveStream treats the sink's FAIL_ZERO_SUBSCRIBER "
			+ "(deliveries emitted before the stream's flux is subscribed) as the end; re-enable once fixed";

	private static RedisSingle redis;

	@BeforeAll
	static void startRedis() {
		redis = RedisSingle.start();
	}

	@AfterAll
	static void stopRedis() {
		if (redis != null) {
			redis.close();
		}
	}

	RedisFleet fleet() {
		return new RedisFleet((builder) -> builder.addresses(redis.address()));
	}

	@Nested
	class Registry extends StoreRegistryKit {

		private final RedisFleet fleet = fleet();

		@Override
		protected Store createStore(StoreSettings settings) {
			return this.fleet.start(settings);
		}

		@Override
		protected Store createPeer(StoreSettings settings) {
			return this.fleet.start(settings);
		}

	}

	@Nested
	class Send extends StoreSendKit {

		private final RedisFleet fleet = fleet();

		@Override
		protected Store createStore(StoreSettings settings) {
			return this.fleet.start(settings);
		}

		@Override
		protected Store createPeer(StoreSettings settings) {
			return this.fleet.start(settings);
		}

	}

	@Nested
	class Events extends StoreEventsKit {

		private final RedisFleet fleet = fleet();

		@Override
		protected Store createStore(StoreSettings settings) {
			return this.fleet.start(settings);
		}

		@Override
		protected Store createPeer(StoreSettings settings) {
			return this.fleet.start(settings);
		}

		@Override
		@Test
		@Disabled(GAP_ID_IS_NOT_THE_CLIENTS)
		void gapNoticeCarriesTheClientsOwnLastId() {
		}

	}

	@Nested
	class Takeover extends StoreTakeoverKit {

		private final RedisFleet fleet = fleet();

		@Override
		protected Store createStore(StoreSettings settings) {
			return this.fleet.start(settings);
		}

		@Override
		protected Store createPeer(StoreSettings settings) {
			return this.fleet.start(settings);
		}

	}

	@Nested
	class Expiry extends StoreExpiryKit {

		private final RedisFleet fleet = fleet();

		@Override
		protected Store createStore(StoreSettings settings) {
			return this.fleet.start(settings);
		}

		@Override
		protected Store createPeer(StoreSettings settings) {
			return this.fleet.start(settings);
		}

	}

	@Nested
	class SlowConsumer extends StoreSlowConsumerKit {

		private final RedisFleet fleet = fleet();

		@Override
		protected Store createStore(StoreSettings settings) {
			return this.fleet.start(settings);
		}

		@Override
		protected Store createPeer(StoreSettings settings) {
			return this.fleet.start(settings);
		}

		@Override
		@Test
		@Disabled(LONG_REPLAY_STALLS)
		void resumeReplayingMoreThanTheBufferSizeDeliversEverything() {
		}

		@Override
		@Test
		@Disabled(LONG_REPLAY_STALLS)
		void consumerThatRequestedNothingResumesFromTheStart() {
		}

		@Override
		@Test
		@Disabled(LONG_REPLAY_STALLS)
		void consumerFallingBehindIsDisconnectedAndResumesWithoutLossWhileOthersGoOn() {
		}

	}

	@Nested
	class Close extends StoreCloseKit {

		private final RedisFleet fleet = fleet();

		@Override
		protected Store createStore(StoreSettings settings) {
			return this.fleet.start(settings);
		}

		@Override
		protected Store createPeer(StoreSettings settings) {
			return this.fleet.start(settings);
		}

	}

	@Nested
	class BadInput extends StoreBadInputKit {

		private final RedisFleet fleet = fleet();

		@Override
		protected Store createStore(StoreSettings settings) {
			return this.fleet.start(settings);
		}

		@Override
		protected Store createPeer(StoreSettings settings) {
			return this.fleet.start(settings);
		}

	}

}
