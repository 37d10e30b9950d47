package com.myunla.gateway.session.kit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import com.myunla.gateway.session.Delivery;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Subscribes to a session's stream and records what it delivers and how it ends.
 */
final class StreamRecorder extends BaseSubscriber<Delivery> {

	private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

	private final long initialRequest;

	private final Consumer<Delivery> onEach;

	private volatile boolean completed;

	private volatile @Nullable Throwable error;

	private StreamRecorder(long initialRequest, Consumer<Delivery> onEach) {
		this.initialRequest = initialRequest;
		this.onEach = onEach;
	}

	/** Records a stream, requesting everything. */
	static StreamRecorder record(Flux<Delivery> stream) {
		return record(stream, Long.MAX_VALUE, (delivery) -> {
		});
	}

	/**
	 * Records a stream, requesting only {@code initialRequest} items until
	 * {@link #request(long)}.
	 */
	static StreamRecorder record(Flux<Delivery> stream, long initialRequest) {
		return record(stream, initialRequest, (delivery) -> {
		});
	}

	/**
	 * Records a stream, running {@code onEach} in {@code onNext} after recording each
	 * item.
	 */
	static StreamRecorder record(Flux<Delivery> stream, long initialRequest, Consumer<Delivery> onEach) {
		StreamRecorder recorder = new StreamRecorder(initialRequest, onEach);
		stream.subscribe(recorder);
		return recorder;
	}

	@Override
	protected void hookOnSubscribe(Subscription subscription) {
		if (this.initialRequest > 0) {
			subscription.request(this.initialRequest);
		}
	}

	@Override
	protected void hookOnNext(Delivery delivery) {
		this.deliveries.add(delivery);
		this.onEach.accept(delivery);
	}

	@Override
	protected void hookOnComplete() {
		this.completed = true;
	}

	@Override
	protected void hookOnError(Throwable throwable) {
		this.error = throwable;
	}

	List<Delivery> deliveries() {
		return this.deliveries;
	}

	List<String> texts() {
		return this.deliveries.stream().map((delivery) -> delivery.message().dataAsString()).toList();
	}

	/**
	 * Returns the texts cut to their first 32 characters, for assertion messages about
	 * large messages.
	 */
	private List<String> shortTexts() {
		return texts().stream().map((text) -> (text.length() > 32) ? text.substring(0, 32) + "..." : text).toList();
	}

	List<String> ids() {
		return this.deliveries.stream().map(Delivery::id).toList();
	}

	String lastId() {
		return this.deliveries.get(this.deliveries.size() - 1).id();
	}

	boolean isCompleted() {
		return this.completed;
	}

	@Nullable Throwable error() {
		return this.error;
	}

	boolean isTerminated() {
		return this.completed || this.error != null;
	}

	StreamRecorder awaitCount(int count) {
		awaitQuietly(() -> this.deliveries.size() >= count);
		assertThat(texts()).as(state()).hasSizeGreaterThanOrEqualTo(count);
		return this;
	}

	StreamRecorder awaitText(String text) {
		awaitQuietly(() -> texts().contains(text));
		assertThat(texts()).as(state()).contains(text);
		return this;
	}

	/**
	 * Waits until the condition holds or the stream ends, leaving the verdict to the
	 * caller's assertion.
	 */
	private void awaitQuietly(BooleanSupplier condition) {
		try {
			await().atMost(StoreKit.TIMEOUT).until(() -> condition.getAsBoolean() || isTerminated());
		}
		catch (ConditionTimeoutException ex) {
			// the caller's assertion says what the stream delivered instead
		}
	}

	private String state() {
		return "deliveries of a stream that "
				+ (this.completed ? "completed" : (this.error != null) ? "ended with " + this.error : "is still open");
	}

	StreamRecorder awaitTermination() {
		awaitQuietly(() -> false);
		assertThat(isTerminated()).as("stream ending within %s (it delivered %s)", StoreKit.TIMEOUT, shortTexts())
			.isTrue();
		return this;
	}

	/** Waits until the stream completes, and fails if it ended with an error instead. */
	StreamRecorder awaitCompletion() {
		awaitTermination();
		assertThat(this.error).as("error of a stream that should have completed").isNull();
		return this;
	}

	/** Fails if the stream ended. */
	void assertOpen() {
		assertThat(isTerminated()).as("stream ended (error %s)", this.error).isFalse();
	}

}
