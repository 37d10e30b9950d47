package com.myunla.gateway.session.kit;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records the locks that the thread calling a subscriber holds at that moment.
 *
 * <p>A store that calls a subscriber while holding a lock deadlocks as soon as the subscriber, or anything it
 * hands work to and waits for, needs that lock. Whether that happens depends on timing, so instead of provoking
 * the deadlock this asks the JVM which monitors and ownable synchronizers (such as a {@code ReentrantLock}) the
 * calling thread holds, which it answers exactly on every call.
 */
final class LockWatch {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private final List<String> held = new CopyOnWriteArrayList<>();

	/**
	 * Records every lock the current thread holds.
	 */
	void check() {
		// Thread.getId() rather than threadId(): the kit runs on Java 17
		@SuppressWarnings("deprecation")
		long id = Thread.currentThread().getId();
		ThreadInfo info = THREADS.getThreadInfo(new long[] { id }, true, true)[0];
		for (MonitorInfo monitor : info.getLockedMonitors()) {
			this.held.add("monitor of " + monitor.getClassName() + " locked in " + monitor.getLockedStackFrame()
					+ " on thread " + info.getThreadName());
		}
		for (LockInfo lock : info.getLockedSynchronizers()) {
			this.held.add("synchronizer " + lock + " on thread " + info.getThreadName());
		}
	}

	/**
	 * Returns a description of each lock held at a check.
	 * @return the locks held, empty if none
	 */
	List<String> held() {
		return this.held;
	}

}
