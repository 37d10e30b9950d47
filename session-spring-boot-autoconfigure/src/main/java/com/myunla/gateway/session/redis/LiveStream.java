package com.myunla.gateway.session.redis;

import java.util.List;

import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.SessionNotFoundException;
import com.myunla.gateway.session.SlowConsumerException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * The live stream of one session on this instance: delivers the session's log in order, exactly once.
 *
 * <p>Messages normally arrive as pub/sub frames, each naming the entry before it. A frame that follows the
 * last delivered entry is delivered straight away; anything else (a frame lost to a reconnect, a failover
 * that rewound the log, frames racing a replay) makes the stream read the log after its last delivered
 * entry instead, which holds every acknowledged message. Entries at or before the last delivered one are
 * dropped, so a message read from the log and then received as a frame is delivered once.
 *
 * <p>All state changes and emissions happen under this object's lock, which keeps the deliveries in order
 * whichever thread (pub/sub dispatch or a Redis reply) brings them.
 */
final class LiveStream {

	static final int READ_BATCH = 256;

	private final RedisStore store;

	private final String sessionId;

	private final String token;

	private final int bufferSize;

	private final Sinks.Many<Delivery> sink;

	private final Sinks.One<Boolean> overflow = Sinks.one();

	private volatile @Nullable SlowConsumerException slowConsumer;

	private EntryId last;

	private boolean reading;

	private boolean dirty;

	private boolean first = true;

	private boolean ended;

	private volatile String deliveredId;

	LiveStream(RedisStore store, String sessionId, String token, int bufferSize, EntryId start) {
		this.store = store;
		this.sessionId = sessionId;
		this.token = token;
		this.bufferSize = bufferSize;
		this.sink = Sinks.many().unicast().onBackpressureBuffer(Queues.<Delivery>get(bufferSize).get());
		this.last = start;
		this.deliveredId = start.toString();
	}

	String sessionId() {
		return this.sessionId;
	}

	String token() {
		return this.token;
	}

	String deliveredId() {
		return this.deliveredId;
	}

	Flux<Delivery> flux() {
		// A buffered sink delivers an error only after its queue drains, which a stalled consumer never lets
		// happen: cut the stream short on overflow and signal the error straight away instead.
		return this.sink.asFlux()
			.takeUntilOther(this.overflow.asMono())
			.concatWith(Mono.defer(() -> {
				SlowConsumerException error = this.slowConsumer;
				return (error != null) ? Mono.error(error) : Mono.empty();
			}))
			.doOnNext((delivery) -> {
			if (!delivery.isGap()) {
				this.deliveredId = delivery.id();
			}
		}).doFinally((signal) -> {
			synchronized (this) {
				this.ended = true;
			}
			this.store.streamEnded(this);
		});
	}

	synchronized void start() {
		catchUp();
	}

	synchronized void onMessage(Frame frame) {
		if (this.ended || !frame.id().isAfter(this.last)) {
			return;
		}
		if (!this.reading && frame.previous().equals(this.last)) {
			emit(frame.id(), Delivery.of(frame.id().toString(), frame.message()));
			return;
		}
		catchUp();
	}

	synchronized void catchUp() {
		if (this.ended) {
			return;
		}
		if (this.reading) {
			this.dirty = true;
			return;
		}
		this.reading = true;
		this.dirty = false;
		EntryId from = this.last;
		this.store.read(this.sessionId, from, READ_BATCH)
			.subscribe((entries) -> onEntries(from, entries), this::onReadError);
	}

	synchronized void complete() {
		if (!this.ended) {
			this.ended = true;
			this.sink.tryEmitComplete();
		}
	}

	private synchronized void onEntries(EntryId from, List<RedisStore.Entry> entries) {
		this.reading = false;
		if (this.ended) {
			return;
		}
		if (this.first) {
			this.first = false;
			if (!entries.isEmpty() && entries.get(0).previous().isAfter(from)) {
				// The entries after the client's position were trimmed from the log: say so before going on.
				if (!tryEmit(Delivery.gap(from.toString(), entries.get(0).id().toString()))) {
					return;
				}
			}
		}
		for (RedisStore.Entry entry : entries) {
			if (entry.id().isAfter(this.last) && !emit(entry.id(), Delivery.of(entry.id().toString(), entry.message()))) {
				return;
			}
		}
		if (this.dirty || entries.size() == READ_BATCH) {
			catchUp();
		}
	}

	private synchronized void onReadError(Throwable error) {
		this.reading = false;
		if (error instanceof SessionNotFoundException) {
			complete();
		}
		else if (error instanceof IllegalStateException) {
			// the session's data is damaged: reading again cannot help, so end the stream saying why
			if (!this.ended) {
				this.ended = true;
				this.sink.tryEmitError(error);
			}
		}
		else {
			this.store.catchUpLater(error);
		}
	}

	private boolean emit(EntryId id, Delivery delivery) {
		if (tryEmit(delivery)) {
			this.last = id;
			return true;
		}
		return false;
	}

	private boolean tryEmit(Delivery delivery) {
		Sinks.EmitResult result = this.sink.tryEmitNext(delivery);
		if (result.isSuccess()) {
			return true;
		}
		this.ended = true;
		if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
			this.slowConsumer = new SlowConsumerException(this.sessionId, this.deliveredId, this.bufferSize);
			this.overflow.tryEmitValue(Boolean.TRUE);
		}
		return false;
	}

}
