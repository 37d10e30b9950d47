package com.myunla.gateway.session.kit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntFunction;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Store;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Contract of takeover: a session has at most one live stream in the whole fleet. A new
 * subscription to {@link Connection#events()} or {@link Connection#events(String)}, on
 * any instance, takes over and the previous stream completes; a client resuming with its
 * last id gets exactly what it missed. Cancelling a stream leaves the session registered.
 */
public abstract class StoreTakeoverKit extends StoreKit {

	/**
	 * Most messages a flowing test sends ahead of what its streams delivered; well within
	 * the retention.
	 */
	private static final int WINDOW = 64;

	@Test
	void newStreamOnTheSameInstanceTakesOverAndThePreviousOneCompletes() {
		Connection connection = register("s1");
		StreamRecorder first = StreamRecorder.record(connection.events());
		send(connection, "m1");
		first.awaitCount(1);
		StreamRecorder second = StreamRecorder.record(connection.events(first.lastId()));
		first.awaitCompletion();
		send(connection, "m2");
		assertThat(second.awaitCount(1).texts()).containsExactly("m2");
		assertThat(first.texts()).containsExactly("m1");
		second.assertOpen();
	}

	@Test
	void streamOpenedOnAnotherInstanceTakesOverAndThePreviousOneCompletes() {
		Connection connection = register("s1");
		StreamRecorder first = StreamRecorder.record(connection.events());
		send(connection, "m1");
		first.awaitCount(1);
		StreamRecorder second = StreamRecorder.record(peer().get("s1").block(TIMEOUT).events(first.lastId()));
		first.awaitCompletion();
		peer().send("s1", Message.of("m2")).block(TIMEOUT);
		send(connection, "m3");
		assertThat(second.awaitCount(2).texts()).containsExactly("m2", "m3");
		assertThat(first.texts()).containsExactly("m1");
		second.assertOpen();
	}

	@Test
	void clientResumingElsewhereGetsExactlyWhatItMissedWhileItsOldStreamWasStillOpen() {
		Connection connection = register("s1");
		StreamRecorder old = StreamRecorder.record(connection.events());
		send(connection, "m1", "m2", "m3");
		old.awaitCount(3);
		String lastSeen = old.lastId();
		// the client went away without the server noticing: its stream stays open while
		// messages go on
		Connection elsewhere = peer().get("s1").block(TIMEOUT);
		send(elsewhere, "m4", "m5");
		old.awaitCount(5);
		StreamRecorder resumed = StreamRecorder.record(elsewhere.events(lastSeen));
		old.awaitCompletion();
		send(connection, "m6");
		assertThat(resumed.awaitCount(3).texts()).containsExactly("m4", "m5", "m6");
		resumed.assertOpen();
	}

	@Test
	void takeoversWhileMessagesFlowLoseAndRepeatNothingAfterTheResumedId() throws Exception {
		Connection connection = register("s1");
		// The sender stays at most WINDOW messages ahead of the newest stream's position,
		// so that a resume never falls out of retention however fast the store takes
		// messages and however slowly it takes over.
		AtomicInteger newest = new AtomicInteger();
		AtomicInteger position = new AtomicInteger();
		IntFunction<Consumer<Delivery>> tracking = (generation) -> (delivery) -> {
			if (generation == newest.get() && !delivery.isGap()) {
				position.accumulateAndGet(Integer.parseInt(delivery.message().dataAsString()), Math::max);
			}
		};
		StreamRecorder current = StreamRecorder.record(connection.events(), Long.MAX_VALUE, tracking.apply(0));
		AtomicInteger sent = new AtomicInteger();
		AtomicBoolean stop = new AtomicBoolean();
		CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
			while (!stop.get()) {
				await().atMost(TIMEOUT)
					.pollInterval(Duration.ofMillis(1))
					.until(() -> stop.get() || sent.get() - position.get() < WINDOW);
				connection.send(Message.of(Integer.toString(sent.get() + 1))).block(TIMEOUT);
				sent.incrementAndGet();
			}
		});
		List<StreamRecorder> streams = new ArrayList<>(List.of(current));
		List<Integer> resumedAfter = new ArrayList<>(List.of(0));
		try {
			for (int round = 1; round <= 6; round++) {
				current.awaitCount(1);
				List<Delivery> seen = List.copyOf(current.deliveries());
				Delivery last = seen.get(seen.size() - 1);
				int after = Integer.parseInt(last.message().dataAsString());
				position.set(after);
				newest.set(round);
				Store instance = (round % 2 == 0) ? store() : peer();
				StreamRecorder next = StreamRecorder.record(instance.get("s1").block(TIMEOUT).events(last.id()),
						Long.MAX_VALUE, tracking.apply(round));
				current.awaitCompletion();
				streams.add(next);
				resumedAfter.add(after);
				current = next;
			}
		}
		finally {
			stop.set(true);
			sending.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		String last = Integer.toString(sent.get() + 1);
		send(connection, last);
		current.awaitText(last);
		for (int i = 0; i < streams.size(); i++) {
			List<String> texts = streams.get(i).texts();
			for (int j = 0; j < texts.size(); j++) {
				assertThat(texts.get(j))
					.as("item %d of stream %d, resumed after %d: %s", j, i, resumedAfter.get(i),
							texts.subList(0, Math.min(texts.size(), j + 3)))
					.isEqualTo(Integer.toString(resumedAfter.get(i) + j + 1));
			}
		}
		current.assertOpen();
	}

	@Test
	void cancelledStreamLeavesTheSessionRegistered() {
		Connection connection = register("s1");
		StreamRecorder first = StreamRecorder.record(connection.events());
		send(connection, "m1");
		first.awaitCount(1);
		first.cancel();
		assertThat(peer().get("s1").block(TIMEOUT)).isNotNull();
		peer().send("s1", Message.of("m2")).block(TIMEOUT);
		StreamRecorder second = StreamRecorder.record(connection.events(first.lastId()));
		assertThat(second.awaitCount(1).texts()).containsExactly("m2");
	}

}
