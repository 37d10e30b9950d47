package com.myunla.gateway.session.redis;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The timers of one store: one daemon thread of its own runs the periodic tasks (probe,
 * touch, sweep) and the catch-up after a reconnect, so that none of them waits for a
 * Redis event loop or a caller's thread. A task that fails is logged and runs again at
 * its next tick.
 */
final class StoreTimers {

	private static final Log logger = LogFactory.getLog(StoreTimers.class);

	private final Scheduler scheduler = Schedulers.newSingle("session-redis", true);

	private final Disposable.Composite tasks = Disposables.composite();

	/**
	 * Runs a task every period, the first time one period from now.
	 */
	void every(Duration period, Runnable task) {
		this.tasks.add(Flux.interval(period, period, this.scheduler).subscribe((tick) -> {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				logger.warn("Session store housekeeping failed", ex);
			}
		}));
	}

	/**
	 * Runs a task once on the timers' thread, unless they are stopped.
	 */
	void schedule(Runnable task) {
		if (!this.tasks.isDisposed()) {
			this.scheduler.schedule(task);
		}
	}

	/**
	 * Runs a task once on the timers' thread after a delay, unless they are stopped.
	 */
	void schedule(Runnable task, Duration delay) {
		if (!this.tasks.isDisposed()) {
			this.scheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
		}
	}

	/**
	 * Cancels a subscription when the timers stop.
	 */
	void cancelOnStop(Disposable subscription) {
		this.tasks.add(subscription);
	}

	/**
	 * Stops every periodic task and the thread.
	 */
	void stop() {
		this.tasks.dispose();
		this.scheduler.dispose();
	}

	/**
	 * Returns the value, raised to the minimum or lowered to the maximum.
	 */
	static Duration clamp(Duration value, Duration min, Duration max) {
		return (value.compareTo(min) < 0) ? min : (value.compareTo(max) > 0) ? max : value;
	}

}
