package com.myunla.gateway.session.memory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Delivery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.test.scheduler.VirtualTimeScheduler;
import reactor.test.subscriber.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for what only {@link MemoryStore#close()} promises: streams complete at once,
 * sessions and the sweep are released. The closing contract of every store is checked by
 * the contract kit (module {@code session-store-kit}).
 */
class MemoryStoreCloseTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final MemoryStore store = MemoryStore.builder().build();

	@AfterEach
	void closeStore() {
		this.store.close();
	}

	@Test
	void closeCompletesEveryStreamAtOnce() {
		Connection first = Sessions.register(this.store, "s1");
		Connection second = Sessions.register(this.store, "s2");
		TestSubscriber<Delivery> flowing = TestSubscriber.create();
		first.events().subscribe(flowing);
		TestSubscriber<Delivery> stalled = TestSubscriber.builder().initialRequest(0).build();
		second.events().subscribe(stalled);
		Sessions.send(second, "never requested");
		this.store.close();
		assertThat(flowing.isTerminatedComplete()).isTrue();
		assertThat(stalled.isTerminatedComplete()).isTrue();
		assertThat(stalled.getReceivedOnNext()).isEmpty();
	}

	@Test
	void closeForgetsEverySession() {
		Sessions.register(this.store, "s1");
		Sessions.register(this.store, "s2");
		this.store.close();
		assertThat(this.store.heldSessions()).isZero();
	}

	@Test
	void closeStopsTheSweep() {
		RecordingScheduler scheduler = new RecordingScheduler();
		MemoryStore swept = MemoryStore.builder().scheduler(scheduler).build();
		assertThat(scheduler.periodicTasks).isOne();
		assertThat(scheduler.disposed).isFalse();
		swept.close();
		assertThat(scheduler.disposed).isTrue();
	}

	/**
	 * Runs on virtual time and records whether its periodic task was scheduled and
	 * cancelled.
	 */
	private static final class RecordingScheduler implements Scheduler {

		private final VirtualTimeScheduler delegate = VirtualTimeScheduler.create();

		private int periodicTasks;

		private boolean disposed;

		@Override
		public Disposable schedule(Runnable task) {
			return this.delegate.schedule(task);
		}

		@Override
		public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
			this.periodicTasks++;
			Disposable scheduled = this.delegate.schedulePeriodically(task, initialDelay, period, unit);
			return () -> {
				this.disposed = true;
				scheduled.dispose();
			};
		}

		@Override
		public Worker createWorker() {
			return this.delegate.createWorker();
		}

	}

}
