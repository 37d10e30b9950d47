package com.myunla.gateway.session.memory;

import java.time.Clock;
import java.time.Duration;

import com.myunla.gateway.session.SlowConsumerException;
import com.myunla.gateway.session.spi.StoreObservations;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Builder of a {@link MemoryStore}, from {@link MemoryStore#builder()}: <pre>{@code
 * MemoryStore store = MemoryStore.builder().ttl(Duration.ofMinutes(30)).retention(100).build();
 * }</pre> Each setter checks its argument at once and throws
 * {@link IllegalArgumentException} naming the setting. Not thread-safe.
 */
public final class MemoryStoreBuilder {

	// package-private: the store reads the settings when built

	Duration ttl = Duration.ofHours(24);

	int retention = 256;

	long retentionBytes = 2L * 1024 * 1024;

	int bufferSize = 256;

	long bufferBytes = 1024 * 1024;

	int maxMessageSize = 256 * 1024;

	Clock clock = Clock.systemUTC();

	Scheduler scheduler = Schedulers.parallel();

	@Nullable ObservationRegistry observationRegistry;

	MemoryStoreBuilder() {
	}

	/**
	 * Sets the registry with which the store observes its sends, deliveries and resumed
	 * streams (see {@link StoreObservations}), so that with Micrometer Tracing a
	 * message's delivery continues the trace of its send. Default none: nothing is
	 * observed, at no cost per message; {@link ObservationRegistry#NOOP} is the same as
	 * none. Needs {@code io.micrometer:micrometer-observation} on the class path.
	 * @param registry the registry, {@code null} for none
	 * @return this builder
	 */
	public MemoryStoreBuilder observationRegistry(@Nullable ObservationRegistry registry) {
		this.observationRegistry = registry;
		return this;
	}

	/**
	 * Sets how long a session lives without activity, to the millisecond (a shorter
	 * positive duration counts as one millisecond). Default 24 hours.
	 * @param ttl the time-to-live, positive
	 * @return this builder
	 */
	public MemoryStoreBuilder ttl(Duration ttl) {
		if (ttl == null || ttl.isZero() || ttl.isNegative()) {
			throw new IllegalArgumentException("Memory session store ttl must be positive, was " + ttl);
		}
		this.ttl = ttl;
		return this;
	}

	/**
	 * Sets how many of its latest messages each session keeps for streams that resume.
	 * Default 256.
	 * @param messages the number of messages, at least 1
	 * @return this builder
	 */
	public MemoryStoreBuilder retention(int messages) {
		this.retention = atLeastOne(messages, "retention");
		return this;
	}

	/**
	 * Sets how many bytes of message data each session keeps at most for streams that
	 * resume: the oldest retained messages are dropped once the data of the retained ones
	 * would exceed it. Default 2 MiB, twice the {@linkplain #bufferBytes(long) buffer}: a
	 * stream cut as a slow consumer resumes without a gap if less than another buffer's
	 * worth was sent meanwhile, and a session holds at most this plus one buffer of heap
	 * for its data.
	 * @param bytes the limit in bytes, at least {@linkplain #maxMessageSize(int) the
	 * largest message}
	 * @return this builder
	 */
	public MemoryStoreBuilder retentionBytes(long bytes) {
		this.retentionBytes = atLeastOne(bytes, "retentionBytes");
		return this;
	}

	/**
	 * Sets how many messages a stream may hold that its subscriber has not requested yet
	 * before it ends with {@link SlowConsumerException}. Default 256.
	 * @param messages the number of messages, at least 1
	 * @return this builder
	 */
	public MemoryStoreBuilder bufferSize(int messages) {
		this.bufferSize = atLeastOne(messages, "bufferSize");
		return this;
	}

	/**
	 * Sets how many bytes of message data a stream may hold that its subscriber has not
	 * requested yet before it ends with {@link SlowConsumerException}. Default 1 MiB:
	 * what a stream that never reads can pin beyond the session's retention.
	 * @param bytes the limit in bytes, at least {@linkplain #maxMessageSize(int) the
	 * largest message}
	 * @return this builder
	 */
	public MemoryStoreBuilder bufferBytes(long bytes) {
		this.bufferBytes = atLeastOne(bytes, "bufferBytes");
		return this;
	}

	/**
	 * Sets the largest data size of a message that {@code send} accepts. Default 256 KiB,
	 * so that a buffer of the default size holds at least four messages and the default
	 * retention at least eight.
	 * @param bytes the limit in bytes, at least 1 and at most the buffer's and the
	 * retention's byte limits
	 * @return this builder
	 */
	public MemoryStoreBuilder maxMessageSize(int bytes) {
		this.maxMessageSize = atLeastOne(bytes, "maxMessageSize");
		return this;
	}

	/**
	 * Sets the clock that expiry reads, for tests. Default {@link Clock#systemUTC()}.
	 * @param clock the clock
	 * @return this builder
	 */
	public MemoryStoreBuilder clock(Clock clock) {
		if (clock == null) {
			throw new IllegalArgumentException("Memory session store clock must not be null");
		}
		this.clock = clock;
		return this;
	}

	/**
	 * Sets the scheduler that runs the sweep, for tests.
	 * @param scheduler the scheduler
	 * @return this builder
	 */
	MemoryStoreBuilder scheduler(Scheduler scheduler) {
		this.scheduler = scheduler;
		return this;
	}

	/**
	 * Builds the store and starts its sweep.
	 * @return the store
	 * @throws IllegalArgumentException if retention plus buffer size exceeds
	 * 2<sup>30</sup> messages, or the largest message exceeds the retention's or the
	 * buffer's byte limit (such a message could never be retained or delivered)
	 */
	public MemoryStore build() {
		if ((long) this.retention + this.bufferSize > MemoryStore.MAX_HELD_MESSAGES) {
			throw new IllegalArgumentException("Memory session store retention (" + this.retention
					+ ") plus bufferSize (" + this.bufferSize + ") must not exceed " + MemoryStore.MAX_HELD_MESSAGES);
		}
		fits(this.bufferBytes, "bufferBytes", "delivered");
		fits(this.retentionBytes, "retentionBytes", "retained");
		return new MemoryStore(this);
	}

	private void fits(long limit, String name, String what) {
		if (this.maxMessageSize > limit) {
			throw new IllegalArgumentException("Memory session store maxMessageSize (" + this.maxMessageSize
					+ ") must not exceed " + name + " (" + limit + "): a message that large could never be " + what);
		}
	}

	private static long atLeastOne(long value, String name) {
		if (value < 1) {
			throw new IllegalArgumentException("Memory session store " + name + " must be at least 1, was " + value);
		}
		return value;
	}

	private static int atLeastOne(int value, String name) {
		if (value < 1) {
			throw new IllegalArgumentException("Memory session store " + name + " must be at least 1, was " + value);
		}
		return value;
	}

}
