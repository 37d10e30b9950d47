package com.myunla.gateway.session.kit;

import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records the monitors that the thread calling a subscriber holds at that moment.
 *
 * <p>
 * A store that calls a subscriber while holding a lock deadlocks as soon as the
 * subscriber, or anything it hands work to and waits for, needs that lock. Whether that
 * happens depends on timing, so instead of provoking the deadlock this asks the JVM which
 * monitors ({@code synchronized}) the calling thread holds and where it took them, which
 * it answers exactly on every call.
 *
 * <p>
 * Ownable synchronizers (such as a {@code ReentrantLock}) are not checked: the JVM does
 * not say which frame took them, and Netty's event loops, on which the Redis store
 * delivers, hold one for as long as they run.
 */
final class LockWatch {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private final List<String> held = new CopyOnWriteArrayList<>();

	private final AtomicInteger checks = new AtomicInteger();

	/**
	 * Records every monitor the current thread holds.
	 */
	void check() {
		this.checks.incrementAndGet();
		// Thread.getId() rather than threadId(): the kit runs on Java 17
		@SuppressWarnings("deprecation")
		long id = Thread.currentThread().getId();
		ThreadInfo info = THREADS.getThreadInfo(new long[] { id }, true, false)[0];
		for (MonitorInfo monitor : info.getLockedMonitors()) {
			this.held.add("monitor of " + monitor.getClassName() + " locked in " + monitor.getLockedStackFrame()
					+ " on thread " + info.getThreadName());
		}
	}

	/**
	 * Returns how many checks ran.
	 * @return the number of checks
	 */
	int checks() {
		return this.checks.get();
	}

	/**
	 * Returns a description of each monitor held at a check.
	 * @return the monitors held, empty if none
	 */
	List<String> held() {
		return this.held;
	}

}
