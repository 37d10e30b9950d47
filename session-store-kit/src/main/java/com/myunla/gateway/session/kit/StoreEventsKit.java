package com.myunla.gateway.session.kit;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Contract of a session's stream: {@link Connection#events()} continues after what
 * earlier streams delivered, {@link Connection#events(String)} resumes after the client's
 * last id ({@code "0"}: from the start of retention) and starts with a gap notice when
 * messages after that id are no longer retained; subscribers are never called while the
 * store holds a lock, and may call back into the store.
 *
 * <p>
 * Runs with a retention of {@value #RETENTION} messages. A store may retain more than
 * that (the Redis store trims its logs approximately), so the kit sends far more before
 * it expects a gap.
 */
public abstract class StoreEventsKit extends StoreKit {

	/** Retention of the store under test. */
	protected static final int RETENTION = 10;

	/**
	 * Messages sent before a resume that must find a gap: enough to overflow an
	 * approximate retention.
	 */
	private static final int OVERFLOW = 300;

	@Override
	protected StoreSettings settings() {
		return StoreSettings.DEFAULTS.withRetention(RETENTION);
	}

	@Test
	void streamOfANewSessionDeliversFromTheFirstMessage() {
		Connection connection = register("s1");
		StreamRecorder stream = StreamRecorder.record(connection.events());
		send(connection, "m1", "m2");
		assertThat(stream.awaitCount(2).texts()).containsExactly("m1", "m2");
		assertThat(stream.deliveries()).noneMatch(Delivery::isGap);
	}

	@Test
	void resumeOnAnotherInstanceReplaysWhatFollowsTheIdThenContinuesLive() {
		Connection connection = register("s1");
		send(connection, "m1", "m2", "m3", "m4");
		String second = StreamRecorder.record(connection.events()).awaitCount(4).ids().get(1);
		StreamRecorder resumed = StreamRecorder.record(peer().get("s1").block(TIMEOUT).events(second));
		send(connection, "m5");
		assertThat(resumed.awaitCount(3).texts()).containsExactly("m3", "m4", "m5");
		resumed.assertOpen();
	}

	@Test
	void resumeFromZeroReplaysFromTheStartOfRetention() {
		Connection connection = register("s1");
		send(connection, "m1", "m2", "m3");
		StreamRecorder.record(connection.events()).awaitCount(3).cancel();
		StreamRecorder replay = StreamRecorder.record(peer().get("s1").block(TIMEOUT).events("0"));
		replay.awaitCount(3);
		send(connection, "m4");
		assertThat(replay.awaitCount(4).texts()).containsExactly("m1", "m2", "m3", "m4");
		assertThat(replay.deliveries()).noneMatch(Delivery::isGap);
	}

	@Test
	void resumeFromZeroAfterMessagesFellOutOfRetentionStartsWithAGapNotice() {
		Connection connection = register("s1");
		sendNumbered(connection, 1, OVERFLOW);
		assertGapThenRetainedSuffixThenLive(connection, "0");
	}

	@Test
	void resumeFromAnIdThatFellOutOfRetentionStartsWithAGapNotice() {
		Connection connection = register("s1");
		send(connection, "m1");
		String first = StreamRecorder.record(connection.events()).awaitCount(1).ids().get(0);
		sendNumbered(connection, 2, OVERFLOW);
		assertGapThenRetainedSuffixThenLive(connection, first);
	}

	@Test
	void gapNoticeCarriesTheClientsOwnLastId() {
		Connection connection = register("s1");
		send(connection, "m1");
		String first = StreamRecorder.record(connection.events()).awaitCount(1).ids().get(0);
		sendNumbered(connection, 2, OVERFLOW);
		for (String lastEventId : new String[] { "0", first }) {
			Delivery gap = peer().get("s1").block(TIMEOUT).events(lastEventId).blockFirst(TIMEOUT);
			assertThat(gap.isGap()).as("first item %s", gap).isTrue();
			assertThat(gap.id()).isEqualTo(lastEventId);
			assertThat(gap.message().dataAsString()).contains("\"lastEventId\":\"" + lastEventId + "\"");
		}
	}

	@Test
	void resumeFromTheNewestIdReplaysNothing() {
		Connection connection = register("s1");
		send(connection, "m1", "m2");
		String newest = StreamRecorder.record(connection.events()).awaitCount(2).lastId();
		StreamRecorder resumed = StreamRecorder.record(peer().get("s1").block(TIMEOUT).events(newest));
		send(connection, "m3");
		assertThat(resumed.awaitCount(1).texts()).containsExactly("m3");
	}

	@Test
	void streamWithoutIdContinuesAfterWhatAnEarlierStreamDelivered() {
		Connection connection = register("s1");
		send(connection, "m1", "m2");
		StreamRecorder first = StreamRecorder.record(connection.events(), 1);
		first.awaitCount(1);
		first.cancel();
		send(connection, "m3");
		// A store may record a cancelled stream's position asynchronously; each attempt
		// below hands exactly one message downstream, so a repeat continues after the
		// same one.
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(
					peer().get("s1").block(TIMEOUT).events().blockFirst(TIMEOUT).message().dataAsString())
				.isEqualTo("m2"));
	}

	@Test
	void nullLastEventIdBehavesAsNoId() {
		Connection connection = register("s1");
		send(connection, "m1", "m2");
		StreamRecorder first = StreamRecorder.record(connection.events(null), 1);
		first.awaitCount(1);
		first.cancel();
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(connection.events(null).blockFirst(TIMEOUT).message().dataAsString())
				.isEqualTo("m2"));
		assertThat(first.texts()).containsExactly("m1");
	}

	@Test
	void subscriberIsNeverCalledWhileTheStoreHoldsALock() {
		LockWatch locks = new LockWatch();
		Connection connection = register("s1");
		send(connection, "replayed");
		StreamRecorder first = StreamRecorder.record(watched(connection.events(), locks), Long.MAX_VALUE,
				(delivery) -> locks.check());
		first.awaitCount(1);
		send(connection, "live");
		peer().send("s1", Message.of("live from elsewhere")).block(TIMEOUT);
		first.awaitCount(3);
		StreamRecorder second = StreamRecorder.record(
				watched(peer().get("s1").block(TIMEOUT).events(first.ids().get(0)), locks), Long.MAX_VALUE,
				(delivery) -> locks.check());
		first.awaitCompletion();
		send(connection, "after takeover");
		second.awaitText("after takeover");
		store().unregister("s1").block(TIMEOUT);
		second.awaitCompletion();
		assertThat(locks.checks()).as("checks of deliveries and completions").isGreaterThanOrEqualTo(7);
		assertThat(locks.held()).as("locks held while calling the subscriber").isEmpty();
	}

	/**
	 * Checks the locks held when the stream completes or fails, on the thread that
	 * signals it.
	 */
	private static Flux<Delivery> watched(Flux<Delivery> stream, LockWatch locks) {
		return stream.doOnComplete(locks::check).doOnError((error) -> locks.check());
	}

	@Test
	void subscriberMayCallBackIntoTheStoreFromOnNext() {
		Connection connection = register("s1");
		int rounds = 50;
		AtomicInteger failures = new AtomicInteger();
		StreamRecorder stream = StreamRecorder.record(connection.events(), Long.MAX_VALUE, (delivery) -> {
			int next = Integer.parseInt(delivery.message().dataAsString()) + 1;
			if (next <= rounds) {
				// without blocking: the next message is sent from within onNext, on the
				// delivering thread
				connection.send(Message.of(Integer.toString(next)))
					.then(peer().get("s1"))
					.subscribe(null, (error) -> failures.incrementAndGet());
			}
		});
		send(connection, "1");
		stream.awaitText(Integer.toString(rounds));
		assertThat(stream.texts()).hasSize(rounds).doesNotHaveDuplicates();
		assertThat(failures).hasValue(0);
		stream.assertOpen();
	}

	private static void sendNumbered(Connection connection, int from, int to) {
		for (int i = from; i <= to; i++) {
			connection.send(Message.of("m" + i)).block(TIMEOUT);
		}
	}

	private void assertGapThenRetainedSuffixThenLive(Connection connection, String lastEventId) {
		StreamRecorder resumed = StreamRecorder.record(peer().get("s1").block(TIMEOUT).events(lastEventId));
		resumed.awaitText("m" + OVERFLOW);
		List<Delivery> deliveries = List.copyOf(resumed.deliveries());
		Delivery gap = deliveries.get(0);
		assertThat(gap.isGap()).as("first item %s", gap).isTrue();
		assertThat(gap.message().event()).isEqualTo(Delivery.GAP_EVENT);
		assertThat(gap.message().dataAsString()).contains("\"firstAvailableId\":\"" + deliveries.get(1).id() + "\"");
		List<String> retained = deliveries.subList(1, deliveries.size())
			.stream()
			.map((delivery) -> delivery.message().dataAsString())
			.toList();
		assertThat(retained.size()).isBetween(RETENTION, OVERFLOW - 1);
		int firstRetained = OVERFLOW - retained.size() + 1;
		for (int i = 0; i < retained.size(); i++) {
			assertThat(retained.get(i)).isEqualTo("m" + (firstRetained + i));
		}
		StreamRecorder again = StreamRecorder.record(connection.events(gap.id()));
		again.awaitText("m" + OVERFLOW);
		assertThat(again.deliveries()).as("resumed from the gap notice's id").containsExactlyElementsOf(deliveries);
		send(connection, "live");
		again.awaitText("live");
		assertThat(again.deliveries()).hasSize(deliveries.size() + 1);
	}

}
