package com.myunla.gateway.session.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.myunla.gateway.session.spi.StoreCounters;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

/**
 * The store's periodic upkeep: open streams keep their sessions alive and check that they
 * still own them, and the session index loses the entries of sessions that expired. The
 * store runs the touch every {@code min(ttl / 3, 30 s)} (at least 100 ms) and the sweep
 * every {@code ttl / 2} (between 1 s and 1 min).
 */
final class Housekeeping {

	private static final Log logger = LogFactory.getLog(Housekeeping.class);

	/**
	 * Most open streams one call of the periodic stream check covers: bounds how long one
	 * script call keeps Redis busy (about a millisecond) while keeping the calls per
	 * stream far below one.
	 */
	static final int TOUCH_BATCH = 500;

	private static final int SWEEP_BATCH = 1000;

	private static final int SWEEP_CONCURRENCY = 16;

	private final RedisCalls redis;

	private final RedisKeys keys;

	private final SessionScripts scripts;

	private final LocalStreams streams;

	private final InstanceChannel channel;

	private final Duration timeout;

	private final StoreCounters statistics;

	Housekeeping(RedisCalls redis, RedisKeys keys, SessionScripts scripts, LocalStreams streams,
			InstanceChannel channel, Duration timeout, StoreCounters statistics) {
		this.statistics = statistics;
		this.redis = redis;
		this.keys = keys;
		this.scripts = scripts;
		this.streams = streams;
		this.channel = channel;
		this.timeout = timeout;
	}

	/**
	 * Slides the expiry of every session with a local stream, and completes a stream
	 * whose session is gone or owned by another stream (a control frame for it was lost):
	 * one script call per {@value #TOUCH_BATCH} streams, in a cluster per
	 * {@value #TOUCH_BATCH} streams whose sessions share a slot.
	 */
	void touchStreams() {
		Map<Object, List<LiveStream>> scopes = new HashMap<>();
		for (LiveStream stream : this.streams.all()) {
			Object scope = this.redis.scriptScopeOf(this.keys.meta(stream.sessionId()));
			scopes.computeIfAbsent(scope, (key) -> new ArrayList<>()).add(stream);
		}
		for (List<LiveStream> streams : scopes.values()) {
			for (int from = 0; from < streams.size(); from += TOUCH_BATCH) {
				touch(List.copyOf(streams.subList(from, Math.min(streams.size(), from + TOUCH_BATCH))));
			}
		}
	}

	private void touch(List<LiveStream> batch) {
		List<String> ids = batch.stream().map(LiveStream::sessionId).toList();
		List<String> tokens = batch.stream().map(LiveStream::token).toList();
		this.scripts.owned(ids, tokens).subscribe((owned) -> {
			for (int i = 0; i < batch.size(); i++) {
				if (!owned.get(i)) {
					batch.get(i).complete();
				}
			}
		}, (error) -> {
			this.channel.catchUpLater();
			logger.debug("Checking the open streams failed; catching up once Redis answers again", error);
		});
	}

	/**
	 * Removes the index entries of expired sessions and refreshes those of live ones, a
	 * batch of {@value #SWEEP_BATCH} at a time until none is left, within four command
	 * timeouts (what is left then waits for the next sweep).
	 */
	void sweepIndex() {
		sweep().subscribe(null, (error) -> logger.debug("Sweeping the session index failed; retrying later", error));
	}

	/**
	 * Returns one sweep of the session index, see {@link #sweepIndex()}. Each batch makes
	 * progress: a live session's entry moves past the sweep's start time, a gone one's
	 * leaves the index.
	 */
	Mono<Void> sweep() {
		return Mono.defer(() -> {
			long now = System.currentTimeMillis();
			Duration budget = this.timeout.multipliedBy(4);
			long deadline = System.nanoTime() + budget.toNanos();
			return sweepBatch(now).expand(
					(swept) -> (swept == SWEEP_BATCH && System.nanoTime() < deadline) ? sweepBatch(now) : Mono.empty())
				.then()
				.timeout(budget.plus(this.timeout));
		});
	}

	/**
	 * Sweeps the first {@value #SWEEP_BATCH} entries whose expiry hint passed; emits how
	 * many it read.
	 */
	private Mono<Long> sweepBatch(long now) {
		return this.redis.zrangeByScore(this.keys.index(), now, SWEEP_BATCH).flatMap((idBytes) -> {
			String id = SessionScripts.text(idBytes);
			return this.redis.exists(this.keys.meta(id))
				.flatMap((exists) -> (exists > 0)
						? this.redis.zadd(this.keys.index(), this.scripts.expiryHint(), idBytes) : pruned(idBytes));
		}, SWEEP_CONCURRENCY).count();
	}

	/**
	 * Removes the index entry of a session whose keys are gone. Unregistering removes the
	 * entry itself, so a gone session found here expired (or its keys were deleted behind
	 * the store's back).
	 */
	Mono<Long> pruned(byte[] id) {
		return this.redis.zrem(this.keys.index(), id).doOnNext((removed) -> {
			if (removed > 0) {
				this.statistics.onExpired();
			}
		});
	}

}
