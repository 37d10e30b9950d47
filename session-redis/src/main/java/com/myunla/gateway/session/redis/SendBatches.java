package com.myunla.gateway.session.redis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.lettuce.core.cluster.SlotHash;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Gathers the sends of one store into shared calls of {@code send.lua}, so that the fixed
 * cost of a script call (reading and parsing the request, entering Lua), which is larger
 * than a message's own work, is paid once per batch instead of once per message.
 *
 * <p>
 * Sends queue in <em>lanes</em>, and each lane has at most one call in flight. A send
 * that finds its lane idle goes out at once, alone: nothing waits for a timer, so a lone
 * send costs no latency. Sends that arrive while the lane's call is in flight (or while
 * its replies are being handed out, which is when a closed loop of senders sends again)
 * queue, and go out together, in arrival order, as soon as that call has ended; a batch
 * holds at most {@value #MAX_MESSAGES} messages and, beyond its first, at most
 * {@value #MAX_BYTES} bytes of data, so that one call never holds Redis long. Since a
 * lane runs one call at a time and a session always uses the same lane, the sends to one
 * session run in the order they were subscribed to, also when a call is retried.
 *
 * <p>
 * On a single Redis and on Sentinel one lane takes every send. In a Redis Cluster the
 * keys a call declares must share a slot, so there is one lane per cluster slot: only
 * sends to sessions of the same slot share a call (most often several sends to one
 * session), and sends to other slots run side by side.
 *
 * <p>
 * Each send completes with its own outcome: the script answers per message, and a failure
 * of a whole call (after the retries {@link RedisErrors} allows for a call that is not
 * idempotent) is passed to each of its sends. A send cancelled before its batch went out
 * is left out of it. A send that queued behind a call waits for that call first; the
 * store bounds each send by one command timeout from its subscription (see
 * {@link SessionScripts}), so that while Redis is unavailable it fails then, not after
 * the call ahead's timeout and then its own.
 */
final class SendBatches {

	/**
	 * Most messages in one call: the number of recent sends whose nonces {@code send.lua}
	 * keeps per session. The Redis client sends a call again after a reconnect when its
	 * reply was lost, and a lane sends nothing else meanwhile, so every message of the
	 * repeated call is among its session's last 32 sends and is recognised.
	 */
	static final int MAX_MESSAGES = 32;

	/** Most bytes of message data in one call, beyond its first message. */
	static final int MAX_BYTES = 256 * 1024;

	private final Function<List<Send>, Mono<List<Object>>> call;

	private final Reply reply;

	private final Lane single = new Lane();

	/** The lanes of a cluster's slots, made when a slot is first sent to. */
	private final Map<Integer, Lane> slots = new ConcurrentHashMap<>();

	/**
	 * Creates the batches of one store.
	 * @param call runs one call of the script for a batch; emits one element per send, in
	 * order
	 * @param reply completes each send with its outcome
	 */
	SendBatches(Function<List<Send>, Mono<List<Object>>> call, Reply reply) {
		this.call = call;
		this.reply = reply;
	}

	/**
	 * Queues a send when subscribed to; completes as {@link Reply} decides.
	 * @param send the send's session keys and arguments
	 * @param cluster whether the store runs on a Redis Cluster, so that the send's lane
	 * is its slot's
	 */
	Mono<Void> send(Send send, boolean cluster) {
		return Mono.create((sink) -> {
			send.sink = sink;
			sink.onCancel(() -> send.cancelled = true);
			lane(send, cluster).add(send);
		});
	}

	private Lane lane(Send send, boolean cluster) {
		if (!cluster) {
			return this.single;
		}
		return this.slots.computeIfAbsent(SlotHash.getSlot(send.meta), (slot) -> new Lane());
	}

	/**
	 * A send waiting for its batch, with what the script needs of it.
	 */
	static final class Send {

		final String id;

		final byte[] meta;

		final byte[] log;

		final byte[][] args;

		final int size;

		volatile boolean cancelled;

		@Nullable MonoSink<Void> sink;

		/**
		 * Creates a send.
		 * @param id the session
		 * @param meta the session's meta key
		 * @param log the session's log key
		 * @param size the bytes of its message data
		 * @param args the script's arguments for this message
		 */
		Send(String id, byte[] meta, byte[] log, int size, byte[]... args) {
			this.id = id;
			this.meta = meta;
			this.log = log;
			this.size = size;
			this.args = args;
		}

	}

	/**
	 * Turns one send's element of the script's reply, or the failure of its call, into
	 * what the send emits.
	 */
	interface Reply {

		/**
		 * Completes a send with its element of the script's reply.
		 */
		void answer(Send send, MonoSink<Void> sink, @Nullable Object element);

		/**
		 * Fails a send whose call failed as a whole.
		 */
		void fail(Send send, MonoSink<Void> sink, Throwable error);

	}

	/**
	 * Sends that share calls, at most one call in flight.
	 */
	private final class Lane {

		private final ArrayDeque<Send> queue = new ArrayDeque<>();

		private boolean busy;

		void add(Send send) {
			synchronized (this) {
				this.queue.add(send);
				if (this.busy) {
					return;
				}
				this.busy = true;
			}
			dispatch();
		}

		private void dispatch() {
			// A call that ends while it is being subscribed to (an error raised before
			// anything was written) does not dispatch the next batch itself: this loop
			// does, so that a long queue cannot deepen the stack batch by batch.
			while (true) {
				List<Send> batch = take();
				if (batch == null) {
					return;
				}
				Call call = new Call(batch);
				call.start();
				if (!call.endedWhileStarting()) {
					return;
				}
			}
		}

		/**
		 * Takes the next batch off the queue, or marks the lane idle when nothing waits.
		 */
		private synchronized @Nullable List<Send> take() {
			List<Send> batch = new ArrayList<>(Math.min(this.queue.size(), MAX_MESSAGES));
			int bytes = 0;
			while (batch.size() < MAX_MESSAGES) {
				Send next = this.queue.peek();
				if (next == null || (!batch.isEmpty() && bytes + next.size > MAX_BYTES)) {
					break;
				}
				this.queue.poll();
				if (!next.cancelled) {
					batch.add(next);
					bytes += next.size;
				}
			}
			if (batch.isEmpty()) {
				this.busy = false;
				return null;
			}
			return batch;
		}

		/**
		 * One call of the script for a batch.
		 */
		private final class Call {

			private static final int STARTING = 0;

			private static final int ENDED_WHILE_STARTING = 1;

			private static final int STARTED = 2;

			private final List<Send> batch;

			private final AtomicInteger state = new AtomicInteger(STARTING);

			Call(List<Send> batch) {
				this.batch = batch;
			}

			void start() {
				Mono<List<Object>> call;
				try {
					call = SendBatches.this.call.apply(this.batch);
				}
				catch (RuntimeException ex) {
					call = Mono.error(ex);
				}
				call.defaultIfEmpty(List.of())
					.subscribe((results) -> ended(results, null), (error) -> ended(null, error));
			}

			boolean endedWhileStarting() {
				return !this.state.compareAndSet(STARTING, STARTED);
			}

			private void ended(@Nullable List<Object> results, @Nullable Throwable error) {
				try {
					for (int i = 0; i < this.batch.size(); i++) {
						reply(this.batch.get(i), i, results, error);
					}
				}
				finally {
					// the next batch holds the sends that arrived meanwhile, including
					// those made by the replies just handed out
					if (!this.state.compareAndSet(STARTING, ENDED_WHILE_STARTING)) {
						dispatch();
					}
				}
			}

			private void reply(Send send, int index, @Nullable List<Object> results, @Nullable Throwable error) {
				MonoSink<Void> sink = send.sink;
				if (sink == null) {
					return;
				}
				if (error != null) {
					SendBatches.this.reply.fail(send, sink, error);
				}
				else if (results == null || results.size() != this.batch.size()) {
					SendBatches.this.reply.fail(send, sink, new IllegalStateException(
							"send.lua answered " + results + " for " + this.batch.size() + " messages"));
				}
				else {
					SendBatches.this.reply.answer(send, sink, results.get(index));
				}
			}

		}

	}

}
