package com.myunla.gateway.session.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.SessionPage;
import com.myunla.gateway.session.StoreUnavailableException;
import io.lettuce.core.RedisCommandExecutionException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * The pages of a store's session listing, read from the session index (see
 * {@link RedisStore#list(String, int)} for what a page holds and costs). A session whose
 * keys cannot be read is skipped and logged, at most once per {@value #WARNING_SECONDS}
 * seconds.
 */
final class SessionListing {

	private static final Log logger = LogFactory.getLog(SessionListing.class);

	private static final int WARNING_SECONDS = 10;

	/**
	 * Most index entries one page call reads ahead at once.
	 */
	private static final int READ_BATCH = 500;

	/**
	 * Most index entries one page call reads: bounds the work of a call when the index
	 * holds many entries of expired sessions.
	 */
	static final int SCAN_BUDGET = 10_000;

	private static final byte[] META_FIELD = { 'm' };

	private static final byte[] OWNER_FIELD = { 'o' };

	private final RedisSessions sessions;

	private final RedisCalls redis;

	private final RedisKeys keys;

	private final SessionScripts scripts;

	private final Housekeeping housekeeping;

	private final MetaCodec codec = new MetaCodec();

	private final AtomicLong unreadableSessions = new AtomicLong();

	private volatile long lastWarning;

	SessionListing(RedisSessions sessions, RedisCalls redis, RedisKeys keys, SessionScripts scripts,
			Housekeeping housekeeping) {
		this.sessions = sessions;
		this.redis = redis;
		this.keys = keys;
		this.scripts = scripts;
		this.housekeeping = housekeeping;
	}

	/**
	 * Reads the page after a cursor. Index entries that list no session (gone, pruned
	 * here, or unreadable) do not take room on the page: the listing reads on until the
	 * page is full, the index ends, or it read {@value #SCAN_BUDGET} entries, so that
	 * entries of expired sessions that the sweep has not pruned yet cost a client no
	 * empty pages.
	 * @throws IllegalArgumentException for a bad page size or cursor
	 */
	Mono<SessionPage> page(@Nullable String cursor, int pageSize) {
		SessionPage.checkPageSize(pageSize);
		IndexEntry after = (cursor != null) ? IndexEntry.decode(cursor) : null;
		return fill(after, pageSize, new ArrayList<>(pageSize), 0);
	}

	/**
	 * Reads the entries after {@code after} and adds their sessions to {@code sessions}
	 * until the page is full or the scan ends.
	 * @param scanned how many entries this page read so far
	 */
	private Mono<SessionPage> fill(@Nullable IndexEntry after, int pageSize, List<Connection> sessions, int scanned) {
		byte[] score = (after != null) ? SessionScripts.bytes(after.score()) : new byte[0];
		byte[] id = (after != null) ? SessionScripts.bytes(after.id()) : new byte[0];
		int wanted = pageSize - sessions.size();
		// One more than the page needs tells whether the index goes on; a larger read
		// passes stale entries in fewer round trips.
		int count = Math.max(wanted + 1, Math.min(READ_BATCH, SCAN_BUDGET - scanned));
		return this.scripts.page(score, id, count).flatMap((result) -> {
			List<IndexEntry> entries = new ArrayList<>(result.size() / 2);
			for (int i = 0; i + 1 < result.size(); i += 2) {
				entries.add(new IndexEntry(SessionScripts.text((byte[]) result.get(i + 1)),
						SessionScripts.text((byte[]) result.get(i))));
			}
			return Flux.fromIterable(entries)
				.flatMapSequential(this::listed, 32)
				.collectList()
				.flatMap((listed) -> next(entries, listed, count, pageSize, sessions, scanned));
		});
	}

	private Mono<SessionPage> next(List<IndexEntry> entries, List<Optional<Connection>> listed, int count, int pageSize,
			List<Connection> sessions, int scanned) {
		for (int i = 0; i < entries.size(); i++) {
			Optional<Connection> session = listed.get(i);
			if (session.isPresent()) {
				if (sessions.size() == pageSize) {
					// a session after the full page: the next page starts with it
					return Mono.just(new SessionPage(sessions, entries.get(i - 1).encode()));
				}
				sessions.add(session.get());
			}
		}
		boolean more = entries.size() == count;
		if (!more) {
			return Mono.just(new SessionPage(sessions, null));
		}
		IndexEntry last = entries.get(entries.size() - 1);
		int total = scanned + entries.size();
		if (sessions.size() == pageSize || total >= SCAN_BUDGET) {
			return Mono.just(new SessionPage(sessions, last.encode()));
		}
		return fill(last, pageSize, sessions, total);
	}

	/**
	 * Counts the entries of the session index.
	 */
	Mono<Long> count() {
		return this.redis.zcard(this.keys.index());
	}

	private Mono<Optional<Connection>> listed(IndexEntry entry) {
		byte[] id = SessionScripts.bytes(entry.id());
		return this.redis.hmget(this.keys.meta(entry.id()), META_FIELD, OWNER_FIELD).flatMap((values) -> {
			if (!values.get(0).hasValue()) {
				return this.housekeeping.pruned(id).thenReturn(Optional.<Connection>empty());
			}
			Meta meta = this.codec.read(values.get(0).getValue());
			String owner = values.get(1).hasValue() ? SessionScripts.text(values.get(1).getValue()) : "";
			return Mono.just(Optional
				.<Connection>of(new RedisSessionHandle(this.sessions, meta, "", owner.isEmpty() ? null : owner)));
		}).onErrorResume((error) -> !(error instanceof StoreUnavailableException), (error) -> {
			skipUnreadable(entry.id(), error);
			return Mono.just(Optional.empty());
		});
	}

	private void skipUnreadable(String id, Throwable error) {
		long count = this.unreadableSessions.incrementAndGet();
		long now = System.nanoTime();
		if (now - this.lastWarning > Duration.ofSeconds(WARNING_SECONDS).toNanos() || count == 1) {
			this.lastWarning = now;
			// Only Redis's own error text: a JSON parser's message may quote the
			// request's secrets.
			String reason = (error instanceof RedisCommandExecutionException) ? error.getMessage()
					: error.getClass().getSimpleName();
			logger.warn("Skipped session '" + id + "' in a listing: its keys cannot be read (" + reason + "); " + count
					+ " skipped so far");
		}
	}

	/**
	 * An entry of the session index, and its encoding as a listing cursor:
	 * {@code <score>:<id>} in URL-safe Base64.
	 */
	record IndexEntry(String score, String id) {

		String encode() {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(SessionScripts.bytes(this.score + ":" + this.id));
		}

		static IndexEntry decode(String cursor) {
			try {
				String text = SessionScripts.text(Base64.getUrlDecoder().decode(cursor));
				int colon = text.indexOf(':');
				Assert.isTrue(colon > 0, "no score");
				String score = text.substring(0, colon);
				Assert.isTrue(Double.isFinite(Double.parseDouble(score)), "score not finite");
				return new IndexEntry(score, Meta.checkId(text.substring(colon + 1)));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("Malformed session listing cursor", ex);
			}
		}

	}

}
