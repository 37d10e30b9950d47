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
 * Contract of bounded memory: a stream whose consumer falls more than the buffer size
 * behind, in messages or in bytes of message data, ends with
 * {@link SlowConsumerException} naming the last id it delivered, from which the client
 * resumes without loss; it never blocks senders or other sessions' streams. A session
 * retains at most the retention's bytes of message data, and a resume from before them
 * starts with a gap notice.
 *
 * <p>
 * Runs with a buffer size of {@value #BUFFER_SIZE} messages and {@value #BUFFER_BYTES}
 * bytes, and a retention of {@value #RETENTION} messages and {@value #RETENTION_BYTES}
 * bytes.
 */
public abstract class StoreSlowConsumerKit extends StoreKit {

	/** Buffer size of the store under test. */
	protected static final int BUFFER_SIZE = 16;

	/**
	 * Retention of the store under test: enough to resume after everything the tests
	 * send.
	 */
	protected static final int RETENTION = 1000;

	/** Buffer limit in bytes of the store under test: four large messages. */
	protected static final int BUFFER_BYTES = 16 * 1024;

	/** Retention in bytes of the store under test: 64 large messages. */
	protected static final int RETENTION_BYTES = 256 * 1024;

	/**
	 * Data size of the large messages, which fill the buffer's bytes long before its
	 * count.
	 */
	private static final int LARGE = 4 * 1024;

	private static final int MESSAGES = 200;

	/**
	 * Messages sent to push a session past the retention, so that a resume from the start
	 * begins with a gap.
	 */
	private static final int BEYOND_RETENTION = 3 * RETENTION / 2;

	@Override
	protected StoreSettings settings() {
		return StoreSettings.DEFAULTS.withBufferSize(BUFFER_SIZE)
			.withBufferBytes(BUFFER_BYTES)
			.withRetention(RETENTION)
			.withRetentionBytes(RETENTION_BYTES)
			.withMaxMessageSize(2 * LARGE);
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

	@Test
	void consumerFallingMoreBytesThanTheBufferHoldsBehindIsDisconnectedAndResumesWithoutLoss() {
		Connection slow = register("slow");
		StreamRecorder stalled = StreamRecorder.record(slow.events(), 1);
		send(slow, "m0");
		stalled.awaitCount(1);
		// far fewer messages than the buffer size, more bytes than it holds
		int count = BUFFER_BYTES / LARGE + 2;
		for (int i = 1; i <= count; i++) {
			peer().send("slow", Message.of(large(i))).block(TIMEOUT);
		}
		stalled.awaitTermination();
		assertThat(stalled.error()).isInstanceOfSatisfying(SlowConsumerException.class,
				(ex) -> assertThat(ex.getLastDeliveredId()).isEqualTo(stalled.ids().get(0)));
		assertThat(stalled.texts()).containsExactly("m0");
		String resumeAfter = ((SlowConsumerException) stalled.error()).getLastDeliveredId();
		StreamRecorder resumed = StreamRecorder.record(peer().get("slow").block(TIMEOUT).events(resumeAfter));
		assertThat(labels(resumed.awaitCount(count).texts())).containsExactlyElementsOf(numbered("l", 1, count + 1));
	}

	@Test
	void consumerWithinTheBufferBytesIsNotDisconnected() {
		Connection connection = register("s1");
		StreamRecorder stream = StreamRecorder.record(connection.events(), 0);
		int count = BUFFER_BYTES / LARGE;
		for (int i = 0; i < count; i++) {
			peer().send("s1", Message.of(large(i))).block(TIMEOUT);
		}
		stream.request(count);
		assertThat(labels(stream.awaitCount(count).texts())).containsExactlyElementsOf(numbered("l", 0, count));
		send(connection, "more");
		stream.request(1);
		stream.awaitText("more");
		stream.assertOpen();
	}

	@Test
	void resumeReplayingMoreBytesThanTheBufferHoldsDeliversEverything() {
		Connection connection = register("s1");
		// fewer messages than the buffer size, three times the bytes it holds
		int count = 3 * BUFFER_BYTES / LARGE;
		for (int i = 0; i < count; i++) {
			connection.send(Message.of(large(i))).block(TIMEOUT);
		}
		StreamRecorder resumed = StreamRecorder.record(peer().get("s1").block(TIMEOUT).events("0"), 0);
		resumed.request(1);
		resumed.awaitCount(1);
		resumed.request(Long.MAX_VALUE);
		assertThat(labels(resumed.awaitCount(count).texts())).containsExactlyElementsOf(numbered("l", 0, count));
		resumed.assertOpen();
	}

	@Test
	void consumerStallingDuringAReplayIsDisconnectedOnceMoreBytesThanTheBufferHoldsFollowLive() {
		Connection connection = register("s1");
		int replayed = 2 * BUFFER_BYTES / LARGE;
		for (int i = 0; i < replayed; i++) {
			send(connection, large(i));
		}
		StreamRecorder stalled = StreamRecorder.record(connection.events("0"), 1);
		stalled.awaitCount(1);
		int live = BUFFER_BYTES / LARGE + 1;
		for (int i = replayed; i < replayed + live; i++) {
			peer().send("s1", Message.of(large(i))).block(TIMEOUT);
		}
		stalled.awaitTermination();
		assertThat(stalled.error()).isInstanceOfSatisfying(SlowConsumerException.class,
				(ex) -> assertThat(ex.getLastDeliveredId()).isEqualTo(stalled.ids().get(0)));
		String resumeAfter = ((SlowConsumerException) stalled.error()).getLastDeliveredId();
		StreamRecorder resumed = StreamRecorder.record(connection.events(resumeAfter));
		assertThat(labels(resumed.awaitCount(replayed + live - 1).texts()))
			.containsExactlyElementsOf(numbered("l", 1, replayed + live));
	}

	@Test
	void sessionRetainsAtMostTheRetentionBytesAndAResumeFromBeforeThemStartsWithAGapNotice() {
		Connection connection = register("s1");
		int sent = 2 * RETENTION_BYTES / LARGE;
		for (int i = 0; i < sent; i++) {
			send(connection, large(i));
		}
		StreamRecorder resumed = StreamRecorder.record(peer().get("s1").block(TIMEOUT).events("0"));
		resumed.awaitText(large(sent - 1));
		Delivery gap = resumed.deliveries().get(0);
		assertThat(gap.isGap()).as("first item %s", gap).isTrue();
		assertThat(gap.id()).isEqualTo("0");
		List<String> retained = labels(resumed.texts().subList(1, resumed.deliveries().size()));
		// a store may trim somewhat more than needed at a time, so that it trims seldom
		assertThat(retained.size()).isBetween(RETENTION_BYTES / LARGE / 2, RETENTION_BYTES / LARGE);
		assertThat(retained).containsExactlyElementsOf(numbered("l", sent - retained.size(), sent));
		resumed.assertOpen();
	}

	/**
	 * Returns the data of large message {@code i}: its label, a space and padding up to
	 * {@value #LARGE} bytes.
	 */
	private static String large(int i) {
		String label = "l" + i + " ";
		return label + "x".repeat(LARGE - label.length());
	}

	/**
	 * Returns the labels of large messages' texts, which keeps assertion messages short.
	 */
	private static List<String> labels(List<String> texts) {
		return texts.stream().map((text) -> text.split(" ", 2)[0]).toList();
	}

	private static List<String> numbered(String prefix, int from, int to) {
		List<String> texts = new ArrayList<>();
		for (int i = from; i < to; i++) {
			texts.add(prefix + i);
		}
		return texts;
	}

}
