package com.myunla.gateway.session;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * Counters of what a store did on this instance, for metrics: sessions registered,
 * unregistered and expired, live streams, messages sent, delivered and replayed, gap
 * notices, slow-consumer disconnects, and the latency from a send's acknowledgement to
 * the hand-off of the message to its stream. Counters only grow (except the number of
 * live streams) and never hold session data.
 *
 * <p>
 * The stores count as they work; which counters a store fills is said by its
 * {@code statistics()} javadoc. Thread-safe; counting is a {@link LongAdder} increment.
 */
public final class StoreStatistics {

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

	/**
	 * Returns how many sessions were registered.
	 * @return the count
	 */
	public long registered() {
		return this.registered.sum();
	}

	/**
	 * Returns how many sessions were unregistered.
	 * @return the count
	 */
	public long unregistered() {
		return this.unregistered.sum();
	}

	/**
	 * Returns how many sessions were found expired.
	 * @return the count
	 */
	public long expired() {
		return this.expired.sum();
	}

	/**
	 * Returns how many messages were sent (acknowledged).
	 * @return the count
	 */
	public long sent() {
		return this.sent.sum();
	}

	/**
	 * Returns how many messages were handed to streams, replayed ones included, gap
	 * notices not.
	 * @return the count
	 */
	public long delivered() {
		return this.delivered.sum();
	}

	/**
	 * Returns how many of the delivered messages were read from a session's retained
	 * messages rather than handed on live.
	 * @return the count
	 */
	public long replayed() {
		return this.replayed.sum();
	}

	/**
	 * Returns how many gap notices streams carried.
	 * @return the count
	 */
	public long gaps() {
		return this.gaps.sum();
	}

	/**
	 * Returns how many streams ended because their consumer fell behind.
	 * @return the count
	 */
	public long slowConsumers() {
		return this.slowConsumers.sum();
	}

	/**
	 * Returns how many streams are open on this instance.
	 * @return the number of live streams
	 */
	public int streams() {
		return this.streams.get();
	}

	/**
	 * Sets what receives each measured delivery latency, in nanoseconds (a metrics timer,
	 * for example).
	 * @param recorder the recorder, or {@code null} to stop recording
	 */
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
