package com.myunla.gateway.session.benchmarks;

import java.lang.ref.Reference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.RequestInfo;
import com.myunla.gateway.session.memory.MemoryStore;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Disposables;

/**
 * {@code memory_store}: the in-memory store. Throughput: one sender thread per core sends
 * 256-byte messages to {@value #SESSIONS} sessions whose streams are subscribed and
 * consuming. Heap: the used heap (after {@link System#gc()}) that idle registered
 * sessions add, minus what the same number of their {@link RequestInfo} objects take when
 * built alone.
 */
final class MemoryStoreScenario implements Scenario {

	static final int SESSIONS = 1_000;

	private static final Duration DRAIN = Duration.ofSeconds(30);

	@Override
	public String name() {
		return "memory_store";
	}

	@Override
	public Result run(BenchContext context) throws Exception {
		RunMode mode = context.mode();
		int idleSessions = mode.memoryStoreSessions();
		double requestBytes = requestBytes(idleSessions);
		double sessionBytes = sessionBytes(idleSessions) - requestBytes;
		context.progress(String.format("heap: %,.0f bytes per idle session beyond its request (%,.0f bytes)",
				sessionBytes, requestBytes));
		int threads = Runtime.getRuntime().availableProcessors();
		List<Double> rounds = new ArrayList<>();
		try (MemoryStore store = new MemoryStore()) {
			LongAdder delivered = new LongAdder();
			AtomicReference<Throwable> failure = new AtomicReference<>();
			Disposable.Composite streams = Disposables.composite();
			List<String> ids = consumingSessions(store, streams, delivered, failure);
			try {
				for (int round = 0; round < mode.warmups() + mode.rounds(); round++) {
					boolean warmup = round < mode.warmups();
					double rate = sendRound(store, ids, threads, mode.roundTime(), delivered, failure);
					context.progress(String.format("%s round %d: %s msgs/s", warmup ? "warm-up" : "measured", round + 1,
							Stats.count(rate)));
					if (!warmup) {
						rounds.add(rate);
					}
				}
			}
			finally {
				streams.dispose();
			}
		}
		double rate = Stats.median(rounds, Double::doubleValue);
		return new Result(name()).figure("msgs_per_s", rate)
			.figure("heap_bytes_per_session", sessionBytes)
			.row("send + deliver (msgs/s)", Stats.count(rate), null)
			.row("heap bytes per idle session", Stats.count(sessionBytes),
					"its request maps " + Stats.count(requestBytes))
			.target("msgs_per_s >= 2,000,000", Stats.count(rate), rate >= 2_000_000)
			.target("heap_bytes_per_session <= 1,024", Stats.count(sessionBytes), sessionBytes <= 1024)
			.note(threads + " sender threads (one per core), " + SESSIONS + " consuming streams, "
					+ Fixtures.PAYLOAD_SIZE + "-byte messages; medians of " + mode.rounds() + " rounds of "
					+ mode.roundTime().toMillis() + " ms")
			.note(String.format("heap: %,d idle sessions; used heap after System.gc() via MemoryMXBean, minus "
					+ "%,.0f bytes per session for the request measured alone", idleSessions, requestBytes));
	}

	/**
	 * Registers {@value #SESSIONS} sessions and subscribes their streams, which count
	 * what they deliver and keep the first error.
	 * @return the ids of the sessions
	 */
	static List<String> consumingSessions(MemoryStore store, Disposable.Composite streams, LongAdder delivered,
			AtomicReference<Throwable> failure) {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < SESSIONS; i++) {
			String id = Fixtures.newId();
			streams.add(store.register(Fixtures.meta(id))
				.flatMapMany((connection) -> connection.events())
				.subscribe((delivery) -> delivered.increment(), (error) -> failure.compareAndSet(null, error)));
			ids.add(id);
		}
		return ids;
	}

	/**
	 * Sends to the sessions from the given number of threads for the given time, then
	 * waits until every message sent was delivered.
	 * @return the messages sent and delivered per second
	 */
	static double sendRound(MemoryStore store, List<String> ids, int threads, Duration time, LongAdder delivered,
			AtomicReference<Throwable> failure) throws Exception {
		Message message = new Message(Message.DEFAULT_EVENT, new byte[Fixtures.PAYLOAD_SIZE]);
		long before = delivered.sum();
		List<Sender> senders = new ArrayList<>();
		long start = System.nanoTime();
		long deadline = start + time.toNanos();
		for (int t = 0; t < threads; t++) {
			Sender sender = new Sender(store, ids, t, threads, message, deadline);
			sender.start();
			senders.add(sender);
		}
		long sent = 0;
		for (Sender sender : senders) {
			sender.join();
			sent += sender.acknowledged();
			if (sender.failure() != null) {
				throw new IllegalStateException("A send failed", sender.failure());
			}
		}
		long drainDeadline = System.nanoTime() + DRAIN.toNanos();
		while (delivered.sum() - before < sent) {
			if (failure.get() != null) {
				throw new IllegalStateException("A stream failed", failure.get());
			}
			if (System.nanoTime() > drainDeadline) {
				throw new IllegalStateException((delivered.sum() - before) + " of " + sent + " messages delivered");
			}
			Thread.onSpinWait();
		}
		return sent * 1e9 / (System.nanoTime() - start);
	}

	/**
	 * Measures the heap that {@link RequestInfo} objects of sessions take when built
	 * alone.
	 */
	private static double requestBytes(int count) {
		long before = HeapMeter.usedHeap();
		RequestInfo[] requests = new RequestInfo[count];
		for (int i = 0; i < count; i++) {
			requests[i] = Fixtures.request(Fixtures.newId());
		}
		long after = HeapMeter.usedHeap();
		Reference.reachabilityFence(requests);
		// The array holding them is not part of a request: header plus one compressed
		// reference each.
		long array = 16 + 4L * count;
		return (after - before - array) / (double) count;
	}

	/**
	 * Measures the heap that idle registered sessions take, their requests included.
	 */
	private static double sessionBytes(int count) {
		long before = HeapMeter.usedHeap();
		try (MemoryStore store = new MemoryStore()) {
			for (int i = 0; i < count; i++) {
				store.register(Fixtures.meta(Fixtures.newId())).block();
			}
			long after = HeapMeter.usedHeap();
			Reference.reachabilityFence(store);
			return (after - before) / (double) count;
		}
	}

	/**
	 * A sender thread: sends to its share of the sessions in turn until the deadline.
	 */
	private static final class Sender extends Thread {

		private final MemoryStore store;

		private final List<String> ids;

		private final int offset;

		private final int stride;

		private final Message message;

		private final long deadline;

		private final Acknowledgements acknowledgements = new Acknowledgements();

		Sender(MemoryStore store, List<String> ids, int offset, int stride, Message message, long deadline) {
			super("memory-store-sender-" + offset);
			this.store = store;
			this.ids = ids;
			this.offset = offset;
			this.stride = stride;
			this.message = message;
			this.deadline = deadline;
		}

		@Override
		public void run() {
			int size = this.ids.size();
			int next = this.offset;
			while (System.nanoTime() < this.deadline && this.acknowledgements.error() == null) {
				for (int i = 0; i < 64; i++) {
					this.store.send(this.ids.get(next), this.message).subscribe(this.acknowledgements);
					next = (next + this.stride) % size;
				}
			}
		}

		long acknowledged() {
			return this.acknowledgements.count();
		}

		@Nullable Throwable failure() {
			return this.acknowledgements.error();
		}

	}

}
