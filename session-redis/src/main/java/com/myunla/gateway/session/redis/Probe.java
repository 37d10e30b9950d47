package com.myunla.gateway.session.redis;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The liveness probe of one pub/sub channel: the probe pending, whether it came back, and
 * what that says about the subscription. A probe published to the channel must come back
 * over it; only a probe that Redis acknowledged and that did not come back says that the
 * subscription is lost.
 */
final class Probe {

	private final AtomicInteger misses = new AtomicInteger();

	private volatile String pending = "";

	private volatile boolean answered = true;

	private volatile long sent;

	/**
	 * Whether Redis acknowledged the publication of the pending probe: only a probe that
	 * was published and did not come back says that the subscription is lost.
	 */
	private volatile boolean published;

	private volatile boolean healthy;

	private volatile @Nullable String error;

	/**
	 * Makes a probe the pending one and publishes it.
	 * @param nonce the probe's text, unique to this instance
	 * @param publication publishes the probe when subscribed
	 * @param logger the logger for a publication that failed
	 * @param failure what the logger says then
	 */
	void send(String nonce, Mono<Long> publication, Log logger, String failure) {
		this.pending = nonce;
		this.sent = System.nanoTime();
		this.answered = false;
		this.published = false;
		publication.subscribe((receivers) -> {
			if (nonce.equals(this.pending)) {
				this.published = true;
			}
		}, (error) -> {
			this.error = error.getMessage();
			logger.debug(failure, error);
		});
	}

	/**
	 * Notes a probe that came back.
	 * @return whether it is the pending one; if not, it says nothing
	 */
	boolean answer(String nonce) {
		if (!nonce.equals(this.pending)) {
			return false;
		}
		this.answered = true;
		return true;
	}

	/**
	 * Marks the subscription working, after the pending probe came back.
	 */
	void succeeded() {
		this.error = null;
		this.healthy = true;
		this.misses.set(0);
	}

	boolean isAnswered() {
		return this.answered;
	}

	/**
	 * Returns the {@link System#nanoTime()} of the pending probe's publication.
	 */
	long sent() {
		return this.sent;
	}

	/**
	 * Marks the subscription unhealthy: the pending probe did not come back in time.
	 */
	void missed() {
		this.healthy = false;
	}

	/**
	 * Counts a missed probe if Redis acknowledged its publication, and says whether it is
	 * the second such: then the subscription is taken for lost, and counting starts over.
	 */
	boolean lostTwice() {
		if (this.published && this.misses.incrementAndGet() >= 2) {
			this.misses.set(0);
			return true;
		}
		return false;
	}

	/**
	 * Forgets the probes missed so far, when something else explains them.
	 */
	void forgetMisses() {
		this.misses.set(0);
	}

	boolean isHealthy() {
		return this.healthy;
	}

	void markHealthy() {
		this.healthy = true;
	}

	/**
	 * Records why a probe could not be sent, or the channel subscribed.
	 */
	void failed(@Nullable String error) {
		this.error = error;
	}

	/**
	 * Says why the subscription is not known to work.
	 * @param channel the channel, as the reason names it
	 */
	String unhealthyReason(String channel) {
		String error = this.error;
		String reason = "liveness probe on " + channel + " did not come back";
		return (error != null) ? reason + ": " + error : reason;
	}

}
