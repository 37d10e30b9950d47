package com.myunla.gateway.session.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import com.myunla.gateway.session.Delivery;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import static org.awaitility.Awaitility.await;

/**
 * Subscribes to a session's stream and records what it delivers, how it ends, and nothing
 * else.
 */
final class Recorder {

	private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

	private final List<Long> arrivals = new CopyOnWriteArrayList<>();

	private final Disposable subscription;

	private volatile boolean completed;

	private volatile @Nullable Throwable error;

	private Recorder(Flux<Delivery> stream) {
		this.subscription = stream.subscribe((delivery) -> {
			this.arrivals.add(System.nanoTime());
			this.deliveries.add(delivery);
		}, (failure) -> this.error = failure, () -> this.completed = true);
	}

	static Recorder record(Flux<Delivery> stream) {
		return new Recorder(stream);
	}

	List<Delivery> deliveries() {
		return this.deliveries;
	}

	/**
	 * Returns when each delivery arrived, as {@link System#nanoTime()}, in the order of
	 * {@link #deliveries()}.
	 */
	List<Long> arrivals() {
		return this.arrivals;
	}

	List<String> texts() {
		return this.deliveries.stream().map((delivery) -> delivery.message().dataAsString()).toList();
	}

	/**
	 * Returns the texts of the delivered messages, without gap notices: a stream whose
	 * failover lost entries it had delivered already says so, since it cannot tell
	 * whether others followed them.
	 */
	List<String> messageTexts() {
		return this.deliveries.stream()
			.filter((delivery) -> !delivery.isGap())
			.map((delivery) -> delivery.message().dataAsString())
			.toList();
	}

	List<String> ids() {
		return this.deliveries.stream().map(Delivery::id).toList();
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

	void cancel() {
		this.subscription.dispose();
	}

	Recorder awaitCount(int count, Duration timeout) {
		await().atMost(timeout).until(() -> this.deliveries.size() >= count);
		return this;
	}

	Recorder awaitCount(int count) {
		return awaitCount(count, Duration.ofSeconds(30));
	}

	Recorder awaitCompletion() {
		await().atMost(Duration.ofSeconds(30)).until(this::isTerminated);
		return this;
	}

	Recorder awaitMatching(Predicate<List<Delivery>> condition, Duration timeout) {
		await().atMost(timeout).until(() -> condition.test(this.deliveries));
		return this;
	}

	@Override
	public String toString() {
		return "Recorder[" + this.deliveries.size() + " deliveries, "
				+ (this.completed ? "completed" : (this.error != null) ? "failed: " + this.error : "open") + "]";
	}

}
