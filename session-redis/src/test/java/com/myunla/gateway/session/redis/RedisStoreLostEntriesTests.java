package com.myunla.gateway.session.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stream never continues silently past entries it cannot deliver: entries trimmed from
 * the log while an open stream received nothing (an outage longer than the retention),
 * and entries a failover lost after a client had received them, are reported with a gap
 * notice before the stream goes on, as a resume beyond the retention is.
 */
@RequiresRedis
class RedisStoreLostEntriesTests {

	@RegisterExtension
	static final SingleRedisFleet redis = new SingleRedisFleet();

	/**
	 * A small retention, and probes so rare that nothing but the test decides when the
	 * owner hears from its channel again.
	 */
	private static final Consumer<RedisStoreBuilder> SMALL_RETENTION = (builder) -> {
		builder.retention(16);
		builder.probeInterval(Duration.ofHours(1));
	};

	@Test
	void openStreamThatMissedMoreThanTheRetentionSaysSoBeforeGoingOn() {
		RedisStore a = redis.stores().start("a", SMALL_RETENTION);
		RedisStore b = redis.stores().start("b", SMALL_RETENTION);
		a.register(RedisStoreTests.meta("s1")).block();
		Recorder stream = Recorder.record(a.get("s1").block().events());
		sendNumbered(b, "s1", 0, 3);
		stream.awaitCount(3);
		String lastDelivered = stream.ids().get(2);
		// The owner hears nothing while far more than the retention is sent: the oldest
		// of those messages are trimmed from the log before the stream can read them.
		sendWhileTheOwnerHearsNothing(a, b, "s1", 3, 300);
		sendNumbered(b, "s1", 300, 301);
		await().atMost(Duration.ofSeconds(10)).until(() -> stream.texts().contains("300"));
		List<Delivery> deliveries = stream.deliveries();
		assertThat(deliveries.subList(0, 3)).extracting((delivery) -> delivery.message().dataAsString())
			.containsExactly("0", "1", "2");
		Delivery gap = deliveries.get(3);
		assertThat(gap.isGap()).as("delivery after the outage is a gap notice: %s", deliveries).isTrue();
		assertThat(gap.id()).isEqualTo(lastDelivered);
		List<Delivery> after = deliveries.subList(4, deliveries.size());
		assertThat(gap.message().dataAsString()).isEqualTo(
				"{\"lastEventId\":\"" + lastDelivered + "\",\"firstAvailableId\":\"" + after.get(0).id() + "\"}");
		int first = Integer.parseInt(after.get(0).message().dataAsString());
		assertThat(first).isGreaterThan(3);
		assertThat(after).extracting((delivery) -> delivery.message().dataAsString())
			.containsExactlyElementsOf(numbers(first, 301));
		assertThat(stream.isTerminated()).isFalse();
	}

	@Test
	void gapFoundByAReadThatHasNoRoomLeftIsSaidOnce() {
		Consumer<RedisStoreBuilder> smallBuffer = SMALL_RETENTION.andThen((builder) -> builder.bufferSize(2));
		RedisStore a = redis.stores().start("a", smallBuffer);
		RedisStore b = redis.stores().start("b", smallBuffer);
		a.register(RedisStoreTests.meta("s4")).block();
		List<Delivery> received = new CopyOnWriteArrayList<>();
		BaseSubscriber<Delivery> subscriber = new BaseSubscriber<>() {

			@Override
			protected void hookOnSubscribe(Subscription subscription) {
				// takes nothing until told
			}

			@Override
			protected void hookOnNext(Delivery delivery) {
				received.add(delivery);
			}

		};
		a.get("s4").block().events().subscribe(subscriber);
		await().atMost(Duration.ofSeconds(5)).until(() -> a.localStreams() == 1);
		// one of the buffer's two places taken
		long frames = a.receivedMessages();
		sendNumbered(b, "s4", 0, 1);
		await().atMost(Duration.ofSeconds(10)).until(() -> a.receivedMessages() >= frames + 1);
		sendWhileTheOwnerHearsNothing(a, b, "s4", 3, 100);
		// the read this frame starts finds the gap, and room for its notice only
		sendNumbered(b, "s4", 100, 101);
		await().atMost(Duration.ofSeconds(10)).until(() -> a.receivedMessages() >= frames + 2);
		subscriber.request(Long.MAX_VALUE);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> received.stream().anyMatch((delivery) -> delivery.message().dataAsString().equals("100")));
		assertThat(received.stream().filter(Delivery::isGap)).as("gap notices in %s", received).hasSize(1);
		subscriber.dispose();
	}

	@Test
	void resumeFromAnIdAFailoverLostContinuesAfterTheLogWithAGapNotice() {
		RedisStore a = redis.stores().start("a");
		List<String> ids = fiveDeliveredOfWhichTheLogLosesTwo(a, "s2");
		// The client received 3 and 4, which the log no longer holds: the stream opens,
		// and says that something was lost before the next message.
		Recorder resumed = Recorder.record(a.get("s2").block().events(ids.get(4)));
		await().atMost(Duration.ofSeconds(5)).until(() -> a.localStreams() == 1);
		sendNumbered(a, "s2", 5, 6);
		resumed.awaitCount(2);
		assertThat(resumed.error()).isNull();
		assertThat(resumed.deliveries().get(0).isGap()).isTrue();
		assertThat(resumed.deliveries().get(0).id()).isEqualTo(ids.get(4));
		assertThat(resumed.texts().get(1)).isEqualTo("5");
	}

	@Test
	void resumeFromAnIdAFailoverLostAfterNewMessagesStartsWithAGapNotice() {
		RedisStore a = redis.stores().start("a");
		List<String> ids = fiveDeliveredOfWhichTheLogLosesTwo(a, "s3");
		sendNumbered(a, "s3", 5, 7);
		// The client received 3, which the log no longer holds; what follows it in the
		// log was never sent after it.
		Recorder resumed = Recorder.record(a.get("s3").block().events(ids.get(3)));
		resumed.awaitCount(3);
		assertThat(resumed.deliveries().get(0).isGap()).isTrue();
		assertThat(resumed.deliveries().get(0).id()).isEqualTo(ids.get(3));
		assertThat(resumed.texts().subList(1, 3)).containsExactly("5", "6");
	}

	/**
	 * Registers a session, delivers 0 to 4 to a stream that then ends, and loses 3 and 4
	 * from the log.
	 * @return the ids of the five messages
	 */
	private static List<String> fiveDeliveredOfWhichTheLogLosesTwo(RedisStore store, String id) {
		store.register(RedisStoreTests.meta(id)).block();
		Recorder first = Recorder.record(store.get(id).block().events());
		sendNumbered(store, id, 0, 5);
		first.awaitCount(5);
		List<String> ids = first.ids();
		first.cancel();
		loseLastEntries(id, ids, 2);
		return ids;
	}

	/**
	 * Leaves the session's data as a replica promoted before the last entries reached it
	 * holds it.
	 */
	private static void loseLastEntries(String id, List<String> ids, int lost) {
		String log = redis.prefix() + ":{" + id + "}:log";
		for (int i = ids.size() - lost; i < ids.size(); i++) {
			redis.command("XDEL", log, ids.get(i));
		}
		String kept = ids.get(ids.size() - lost - 1);
		redis.command("HSET", redis.prefix() + ":{" + id + "}:meta", "l", kept, "c", kept);
	}

	/**
	 * Sends numbered messages while the owner hears nothing on its channel, then lets it
	 * hear again.
	 */
	private static void sendWhileTheOwnerHearsNothing(RedisStore owner, RedisStore sender, String id, int from,
			int to) {
		owner.channel().unsubscribe();
		awaitSubscribers(owner.instanceId(), 0);
		sendNumbered(sender, id, from, to);
		owner.channel().subscribe(Duration.ofSeconds(10));
		awaitSubscribers(owner.instanceId(), 1);
	}

	private static void awaitSubscribers(String instanceId, int count) {
		String channel = redis.prefix() + "_updates:" + instanceId;
		await().atMost(Duration.ofSeconds(10))
			.until(() -> redis.command("PUBSUB", "NUMSUB", channel).trim().endsWith(Integer.toString(count)));
	}

	private static void sendNumbered(RedisStore store, String id, int from, int to) {
		for (int i = from; i < to; i++) {
			store.send(id, Message.of(Integer.toString(i))).block();
		}
	}

	private static List<String> numbers(int from, int to) {
		List<String> numbers = new ArrayList<>();
		for (int i = from; i < to; i++) {
			numbers.add(Integer.toString(i));
		}
		return numbers;
	}

}
