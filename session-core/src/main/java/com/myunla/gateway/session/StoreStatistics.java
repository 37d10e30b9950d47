package com.myunla.gateway.session;

import java.util.function.LongConsumer;

import org.jspecify.annotations.Nullable;

/**
 * Counters of what a store did on this instance, for metrics: sessions registered,
 * unregistered and expired, live streams, messages sent, delivered and replayed, gap
 * notices, slow-consumer disconnects, and the latency from a send's acknowledgement to
 * the hand-off of the message to its stream. Counters only grow (except the number of
 * live streams) and never hold session data.
 *
 * <p>
 * The stores count as they work; which counters a store fills is said by its
 * {@code statistics()} javadoc. A store of one's own counts with
 * {@link com.myunla.gateway.session.spi.StoreCounters}. Thread-safe.
 *
 * @since 0.1.0
 */
public interface StoreStatistics {

	/**
	 * Returns how many sessions were registered.
	 * @return the count
	 */
	long registered();

	/**
	 * Returns how many sessions were unregistered.
	 * @return the count
	 */
	long unregistered();

	/**
	 * Returns how many sessions were found expired.
	 * @return the count
	 */
	long expired();

	/**
	 * Returns how many messages were sent (acknowledged).
	 * @return the count
	 */
	long sent();

	/**
	 * Returns how many messages were handed to streams, replayed ones included, gap
	 * notices not.
	 * @return the count
	 */
	long delivered();

	/**
	 * Returns how many of the delivered messages were read from a session's retained
	 * messages rather than handed on live.
	 * @return the count
	 */
	long replayed();

	/**
	 * Returns how many gap notices streams carried.
	 * @return the count
	 */
	long gaps();

	/**
	 * Returns how many streams ended because their consumer fell behind.
	 * @return the count
	 */
	long slowConsumers();

	/**
	 * Returns how many streams are open on this instance.
	 * @return the number of live streams
	 */
	int streams();

	/**
	 * Sets what receives each measured delivery latency, in nanoseconds (a metrics timer,
	 * for example). A store that does not measure the latency never calls it.
	 * @param recorder the recorder, or {@code null} to stop recording
	 */
	void setLatencyRecorder(@Nullable LongConsumer recorder);

}
