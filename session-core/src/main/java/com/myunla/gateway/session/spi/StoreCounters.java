package com.myunla.gateway.session.spi;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.SlowConsumerException;
import com.myunla.gateway.session.StoreStatistics;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * The {@link StoreStatistics} of a store, with the methods its store counts with: a store
 * creates one, counts as it works, and returns it from {@code statistics()}. Thread-safe;
 * counting is a {@link LongAdder} increment.
 *
 * @since 0.1.0
 */
public final class StoreCounters implements StoreStatistics {

	private final LongAdder registered = new LongAdder();

	private final LongAdder unregistered = new LongAdder();

	private final LongAdder expired = new LongAdder();

	private final LongAdder sent = new LongAdder();

	private final LongAdder delivered = new LongAdder();

	private final LongAdder replayed = new LongAdder();

	private final LongAdder gaps = new LongAdder();

	private final LongAdder slowConsumers = new LongAdder();

	private final AtomicInteger streams = new AtomicInteger();

	private volatile @Nullable LongConsumer latencyRecorder;

	@Override
	public long registered() {
		return this.registered.sum();
	}

	@Override
	public long unregistered() {
		return this.unregistered.sum();
	}

	@Override
	public long expired() {
		return this.expired.sum();
	}

	@Override
	public long sent() {
		return this.sent.sum();
	}

	@Override
	public long delivered() {
		return this.delivered.sum();
	}

	@Override
	public long replayed() {
		return this.replayed.sum();
	}

	@Override
	public long gaps() {
		return this.gaps.sum();
	}

	@Override
	public long slowConsumers() {
		return this.slowConsumers.sum();
	}

	@Override
	public int streams() {
		return this.streams.get();
	}

	@Override
	public void setLatencyRecorder(@Nullable LongConsumer recorder) {
		this.latencyRecorder = recorder;
	}

	/**
	 * Counts a registered session.
	 */
	public void onRegistered() {
		this.registered.increment();
	}

	/**
	 * Counts an unregistered session.
	 */
	public void onUnregistered() {
		this.unregistered.increment();
	}

	/**
	 * Counts an expired session.
	 */
	public void onExpired() {
		this.expired.increment();
	}

	/**
	 * Counts a sent message.
	 */
	public void onSent() {
		this.sent.increment();
	}

	/**
	 * Counts a message delivered from retained messages; it is counted as delivered by
	 * {@link #stream(Flux)}.
	 */
	public void onReplayed() {
		this.replayed.increment();
	}

	/**
	 * Records the latency of one delivery.
	 * @param nanos the time from the send's acknowledgement to the hand-off, in
	 * nanoseconds
	 */
	public void onLatency(long nanos) {
		LongConsumer recorder = this.latencyRecorder;
		if (recorder != null) {
			recorder.accept(Math.max(0, nanos));
		}
	}

	/**
	 * Counts what flows through a stream: the stream itself while subscribed, its
	 * deliveries and gap notices, and its end by {@link SlowConsumerException}.
	 * @param stream a store's stream
	 * @return the counted stream
	 */
	public Flux<Delivery> stream(Flux<Delivery> stream) {
		return stream.doOnSubscribe((subscription) -> this.streams.incrementAndGet())
			.doOnNext((delivery) -> (delivery.isGap() ? this.gaps : this.delivered).increment())
			.doOnError(SlowConsumerException.class, (ex) -> this.slowConsumers.increment())
			.doFinally((signal) -> this.streams.decrementAndGet());
	}

}
