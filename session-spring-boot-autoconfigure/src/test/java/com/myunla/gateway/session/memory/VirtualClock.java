package com.myunla.gateway.session.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * A clock that only moves when a test advances it, together with the scheduler that runs
 * a store's sweep at the same virtual time: advancing the clock runs the sweeps that fall
 * due on the way.
 */
final class VirtualClock extends Clock {

	private final VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();

	/**
	 * Returns a builder of a store reading this clock and sweeping on its scheduler.
	 */
	MemoryStoreBuilder storeBuilder() {
		return MemoryStore.builder().clock(this).scheduler(this.scheduler);
	}

	void advance(Duration duration) {
		this.scheduler.advanceTimeBy(duration);
	}

	VirtualTimeScheduler scheduler() {
		return this.scheduler;
	}

	@Override
	public long millis() {
		return this.scheduler.now(TimeUnit.MILLISECONDS);
	}

	@Override
	public Instant instant() {
		return Instant.ofEpochMilli(millis());
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("A virtual clock has no other zone");
	}

}
