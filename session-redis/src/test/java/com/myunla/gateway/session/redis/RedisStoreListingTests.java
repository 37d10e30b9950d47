package com.myunla.gateway.session.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.SessionPage;
import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.StoreListingTests;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The paged listing of a {@link RedisStore} on a real single Redis server, including
 * sessions whose keys cannot be read.
 */
@RequiresRedis
class RedisStoreListingTests extends StoreListingTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@RegisterExtension
	static final SingleRedisFleet redis = new SingleRedisFleet();

	@Override
	protected Store createStore() {
		return redis.stores().start("a");
	}

	@Test
	void unreadableSessionsAreSkippedAndTheRestIsListed() {
		for (String id : List.of("good-1", "bad-json", "wrong-type", "good-2")) {
			store().register(RedisStoreTests.meta(id)).block(TIMEOUT);
		}
		redis.command("HSET", redis.prefix() + ":{bad-json}:meta", "m", "{not json");
		redis.command("DEL", redis.prefix() + ":{wrong-type}:meta");
		redis.command("SET", redis.prefix() + ":{wrong-type}:meta", "a string");
		List<String> listed = store().list().map((connection) -> connection.meta().id()).collectList().block(TIMEOUT);
		assertThat(listed).containsExactlyInAnyOrder("good-1", "good-2");
		// pages of one: a page whose only session is unreadable is empty but the listing
		// goes on
		List<String> paged = new ArrayList<>();
		String cursor = null;
		do {
			SessionPage page = store().list(cursor, 1).block(TIMEOUT);
			page.sessions().forEach((connection) -> paged.add(connection.meta().id()));
			cursor = page.nextCursor();
		}
		while (cursor != null);
		assertThat(paged).containsExactlyInAnyOrder("good-1", "good-2");
	}

	@Test
	void sessionsOfEqualIndexScoreArePagedByIdAlsoWhenTheCursorsSessionLeaves() {
		List<String> ids = List.of("e-a", "e-b", "e-c", "e-d", "e-e", "e-f", "e-g");
		for (String id : ids) {
			store().register(RedisStoreTests.meta(id)).block(TIMEOUT);
			redis.command("ZADD", redis.prefix() + ":index", "1000", id);
		}
		SessionPage first = store().list(null, 3).block(TIMEOUT);
		assertThat(first.sessions()).extracting((c) -> c.meta().id()).containsExactly("e-a", "e-b", "e-c");
		store().unregister("e-c").block(TIMEOUT);
		SessionPage second = store().list(first.nextCursor(), 3).block(TIMEOUT);
		assertThat(second.sessions()).extracting((c) -> c.meta().id()).containsExactly("e-d", "e-e", "e-f");
		SessionPage third = store().list(second.nextCursor(), 3).block(TIMEOUT);
		assertThat(third.sessions()).extracting((c) -> c.meta().id()).containsExactly("e-g");
		assertThat(third.nextCursor()).isNull();
	}

	@Test
	void listingPassesManyIndexEntriesOfExpiredSessionsWithinAFewPages() {
		List<String> live = registerLiveAndExpired(10, 20_000);
		List<String> listed = new ArrayList<>();
		int pages = 0;
		String cursor = null;
		do {
			SessionPage page = store().list(cursor, 10).block(TIMEOUT);
			pages++;
			page.sessions().forEach((connection) -> listed.add(connection.meta().id()));
			cursor = page.nextCursor();
		}
		while (cursor != null && pages < 1_000);
		assertThat(listed).containsExactlyInAnyOrderElementsOf(live);
		assertThat(pages).as("pages read").isLessThanOrEqualTo(3);
	}

	@Test
	void oneSweepPrunesEveryIndexEntryOfAnExpiredSession() {
		List<String> live = registerLiveAndExpired(10, 20_000);
		((RedisStore) store()).sweepIndex().block(TIMEOUT);
		assertThat(store().count().block(TIMEOUT)).isEqualTo(live.size());
		assertThat(store().list().map((connection) -> connection.meta().id()).collectList().block(TIMEOUT))
			.containsExactlyInAnyOrderElementsOf(live);
	}

	/**
	 * Registers live sessions, then adds index entries of sessions that expired before
	 * them (their keys are gone, their expiry hints passed long ago).
	 */
	private List<String> registerLiveAndExpired(int liveCount, int expiredCount) {
		List<String> live = new ArrayList<>();
		for (int i = 0; i < liveCount; i++) {
			live.add("live-" + i);
			store().register(RedisStoreTests.meta("live-" + i)).block(TIMEOUT);
		}
		List<String> zadd = new ArrayList<>(List.of("ZADD", redis.prefix() + ":index"));
		for (int i = 0; i < expiredCount; i++) {
			zadd.add(Integer.toString(1_000 + i));
			zadd.add("expired-" + i);
		}
		redis.command(zadd.toArray(String[]::new));
		return live;
	}

	@Test
	void indexEntriesOfGoneSessionsArePrunedByTheListing() {
		store().register(RedisStoreTests.meta("gone")).block(TIMEOUT);
		store().register(RedisStoreTests.meta("kept")).block(TIMEOUT);
		redis.command("DEL", redis.prefix() + ":{gone}:meta");
		assertThat(store().count().block(TIMEOUT)).isEqualTo(2);
		assertThat(store().list().map((connection) -> connection.meta().id()).collectList().block(TIMEOUT))
			.containsExactly("kept");
		assertThat(store().count().block(TIMEOUT)).isOne();
	}

	@Test
	void listedSessionsNameTheInstanceOwningTheirStream() {
		RedisStore store = (RedisStore) store();
		Connection connection = store.register(RedisStoreTests.meta("owned")).block(TIMEOUT);
		store.register(RedisStoreTests.meta("idle")).block(TIMEOUT);
		Recorder stream = Recorder.record(connection.events());
		connection.send(Message.of("live")).block(TIMEOUT);
		stream.awaitCount(1);
		Connection listedOwned = store.list().filter((c) -> c.meta().id().equals("owned")).blockFirst(TIMEOUT);
		Connection listedIdle = store.list().filter((c) -> c.meta().id().equals("idle")).blockFirst(TIMEOUT);
		assertThat(store.listedOwner(listedOwned)).isEqualTo("a");
		assertThat(store.listedOwner(listedIdle)).isNull();
		stream.cancel();
	}

}
