package com.myunla.gateway.session.benchmarks;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;

/**
 * A reusable subscriber of {@code Mono<Void>} sends that counts the completed ones and
 * keeps the first error, so that a tight send loop measures the store rather than a
 * subscriber allocated per send. Used by one thread; the sends of the in-memory store
 * complete on the calling thread.
 */
final class Acknowledgements implements CoreSubscriber<Void> {

	private long count;

	private @Nullable Throwable error;

	long count() {
		return this.count;
	}

	@Nullable Throwable error() {
		return this.error;
	}

	@Override
	public void onSubscribe(Subscription subscription) {
		subscription.request(Long.MAX_VALUE);
	}

	@Override
	public void onNext(Void value) {
	}

	@Override
	public void onError(Throwable error) {
		if (this.error == null) {
			this.error = error;
		}
	}

	@Override
	public void onComplete() {
		this.count++;
	}

}
