package com.myunla.gateway.session.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * A clock that only moves when a test advances it, together with a Reactor scheduler at
 * the same virtual time: advancing the clock runs the tasks of that scheduler that fall
 * due on the way (for example a store's periodic sweep). It starts at the epoch, in UTC.
 */
public final class VirtualClock extends Clock {

	private final VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();

	/**
	 * Moves the clock forward, running the scheduler's tasks that fall due on the way.
	 * @param duration how far to move
	 */
	public void advance(Duration duration) {
		this.scheduler.advanceTimeBy(duration);
	}

	/**
	 * Returns the scheduler at this clock's time.
	 * @return the scheduler
	 */
	public VirtualTimeScheduler scheduler() {
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
