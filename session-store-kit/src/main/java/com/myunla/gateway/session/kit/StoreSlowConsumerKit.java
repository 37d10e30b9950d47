package com.myunla.gateway.session.kit;

import java.util.ArrayList;
import java.util.List;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.SlowConsumerException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract of bounded buffers: a stream whose consumer falls more than the buffer size
 * behind ends with {@link SlowConsumerException} naming the last id it delivered, from
 * which the client resumes without loss; it never blocks senders or other sessions'
 * streams.
 *
 * <p>
 * Runs with a buffer size of {@value #BUFFER_SIZE} and a retention of {@value #RETENTION}
 * messages.
 */
public abstract class StoreSlowConsumerKit extends StoreKit {

	/** Buffer size of the store under test. */
	protected static final int BUFFER_SIZE = 16;

	/**
	 * Retention of the store under test: enough to resume after everything the tests
	 * send.
	 */
	protected static final int RETENTION = 1000;

	private static final int MESSAGES = 200;

	/**
	 * Messages sent to push a session past the retention, so that a resume from the start
	 * begins with a gap.
	 */
	private static final int BEYOND_RETENTION = 3 * RETENTION / 2;

	@Override
	protected StoreSettings settings() {
		return StoreSettings.DEFAULTS.withBufferSize(BUFFER_SIZE).withRetention(RETENTION);
	}

	@Test
	void consumerFallingBehindIsDisconnectedAndResumesWithoutLossWhileOthersGoOn() {
		Connection slow = register("slow");
		Connection other = register("other");
		StreamRecorder stalled = StreamRecorder.record(slow.events(), 1);
		StreamRecorder flowing = StreamRecorder.record(other.events());
		send(slow, "m0");
		stalled.awaitCount(1);
		for (int i = 1; i < MESSAGES; i++) {
			peer().send("slow", Message.of("m" + i)).block(TIMEOUT);
			peer().send("other", Message.of("o" + i)).block(TIMEOUT);
		}
		stalled.awaitTermination();
		assertThat(stalled.error()).isInstanceOfSatisfying(SlowConsumerException.class, (ex) -> {
			assertThat(ex.getSessionId()).isEqualTo("slow");
			assertThat(ex.getLastDeliveredId()).isEqualTo(stalled.ids().get(0));
		});
		assertThat(stalled.texts()).containsExactly("m0");
		flowing.awaitCount(MESSAGES - 1);
		flowing.assertOpen();
		String resumeAfter = ((SlowConsumerException) stalled.error()).getLastDeliveredId();
		StreamRecorder resumed = StreamRecorder.record(peer().get("slow").block(TIMEOUT).events(resumeAfter));
		assertThat(resumed.awaitCount(MESSAGES - 1).texts()).containsExactlyElementsOf(numbered("m", 1, MESSAGES));
	}

	@Test
	void consumerThatRequestedNothingResumesFromTheStart() {
		Connection slow = register("slow");
		StreamRecorder stalled = StreamRecorder.record(slow.events(), 0);
		for (int i = 0; i < MESSAGES; i++) {
			send(slow, "m" + i);
		}
		stalled.awaitTermination();
		assertThat(stalled.error()).isInstanceOf(SlowConsumerException.class);
		assertThat(stalled.deliveries()).isEmpty();
		String resumeAfter = ((SlowConsumerException) stalled.error()).getLastDeliveredId();
		assertThat(resumeAfter).as("last delivered id when nothing was delivered").isEqualTo("0");
		StreamRecorder resumed = StreamRecorder.record(slow.events(resumeAfter));
		assertThat(resumed.awaitCount(MESSAGES).texts()).as("resumed after %s", resumeAfter)
			.containsExactlyElementsOf(numbered("m", 0, MESSAGES));
	}

	@Test
	void resumeReplayingMoreThanTheBufferSizeDeliversEverything() {
		Connection connection = register("s1");
		for (int i = 0; i < MESSAGES; i++) {
			send(connection, "m" + i);
		}
		// Replayed messages are handed over as the consumer asks for them: they never
		// count as falling behind.
		for (int round = 0; round < 10; round++) {
			Connection handle = (round % 2 == 0) ? connection : peer().get("s1").block(TIMEOUT);
			StreamRecorder resumed = StreamRecorder.record(handle.events("0"));
			assertThat(resumed.awaitCount(MESSAGES).texts()).as("round %d", round)
				.containsExactlyElementsOf(numbered("m", 0, MESSAGES));
			resumed.assertOpen();
			resumed.cancel();
		}
	}

	@Test
	void consumerStallingDuringAReplayIsDisconnectedOnceMoreThanTheBufferSizeFollowsLive() {
		Connection connection = register("s1");
		for (int i = 0; i < 2 * BUFFER_SIZE; i++) {
			send(connection, "m" + i);
		}
		// the replay fills the buffer and waits for the consumer, which takes one message
		// and then nothing
		StreamRecorder stalled = StreamRecorder.record(connection.events("0"), 1);
		stalled.awaitCount(1);
		for (int i = 2 * BUFFER_SIZE; i < 3 * BUFFER_SIZE + 1; i++) {
			peer().send("s1", Message.of("m" + i)).block(TIMEOUT);
		}
		stalled.awaitTermination();
		assertThat(stalled.error()).isInstanceOfSatisfying(SlowConsumerException.class,
				(ex) -> assertThat(ex.getLastDeliveredId()).isEqualTo(stalled.ids().get(0)));
		assertThat(stalled.texts()).containsExactly("m0");
		String resumeAfter = ((SlowConsumerException) stalled.error()).getLastDeliveredId();
		StreamRecorder resumed = StreamRecorder.record(connection.events(resumeAfter));
		assertThat(resumed.awaitCount(3 * BUFFER_SIZE).texts())
			.containsExactlyElementsOf(numbered("m", 1, 3 * BUFFER_SIZE + 1));
	}

	@Test
	void resumeStartingWithAGapNoticeThenMoreThanTheBufferSizeDeliversEverythingRetained() {
		Connection connection = register("s1");
		for (int i = 0; i < BEYOND_RETENTION; i++) {
			send(connection, "m" + i);
		}
		// the gap notice takes a place in the buffer too: the replay after it must not
		// overflow the buffer
		StreamRecorder resumed = StreamRecorder.record(connection.events("0"), 0);
		resumed.request(1);
		Delivery gap = resumed.awaitCount(1).deliveries().get(0);
		assertThat(gap.isGap()).as("first item %s", gap).isTrue();
		assertThat(gap.id()).isEqualTo("0");
		resumed.request(Long.MAX_VALUE);
		resumed.awaitText("m" + (BEYOND_RETENTION - 1));
		List<String> retained = resumed.texts().subList(1, resumed.deliveries().size());
		assertThat(retained.size()).isBetween(RETENTION, BEYOND_RETENTION - 1);
		assertThat(retained)
			.containsExactlyElementsOf(numbered("m", BEYOND_RETENTION - retained.size(), BEYOND_RETENTION));
		resumed.assertOpen();
	}

	@Test
	void consumerWithinTheBufferIsNotDisconnected() {
		Connection connection = register("s1");
		StreamRecorder stream = StreamRecorder.record(connection.events(), 0);
		for (int i = 0; i < BUFFER_SIZE; i++) {
			peer().send("s1", Message.of("m" + i)).block(TIMEOUT);
		}
		stream.request(BUFFER_SIZE);
		assertThat(stream.awaitCount(BUFFER_SIZE).texts()).containsExactlyElementsOf(numbered("m", 0, BUFFER_SIZE));
		send(connection, "more");
		stream.request(1);
		stream.awaitText("more");
		stream.assertOpen();
	}

	private static List<String> numbered(String prefix, int from, int to) {
		List<String> texts = new ArrayList<>();
		for (int i = from; i < to; i++) {
			texts.add(prefix + i);
		}
		return texts;
	}

}
