package com.myunla.gateway.session.redis;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import reactor.core.publisher.Mono;

/**
 * The sends under way in a store, counted from subscription to completion, so that
 * closing the store can let them finish.
 */
final class PendingSends {

	private final AtomicInteger pending = new AtomicInteger();

	private final Duration commandTimeout;

	PendingSends(Duration commandTimeout) {
		this.commandTimeout = commandTimeout;
	}

	/**
	 * Counts a send from subscription to completion.
	 */
	<T> Mono<T> count(Mono<T> send) {
		return Mono.defer(() -> {
			this.pending.incrementAndGet();
			return send.doFinally((signal) -> this.pending.decrementAndGet());
		});
	}

	/**
	 * Waits, at most the command timeout, for sends already under way: they use the
	 * connection that close() releases. close() is synchronous (a Spring destroy method),
	 * so this is a short bounded wait; sends subscribed from now on fail as the store is
	 * closed.
	 */
	void await() {
		long deadline = System.nanoTime() + this.commandTimeout.toNanos();
		while (this.pending.get() > 0 && System.nanoTime() < deadline) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
		}
	}

}
