package com.myunla.gateway.session.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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
 * The pages of a store's session listing, read from the session index (see {@link RedisStore#list(String, int)}
 * for what a page holds and costs). A session whose keys cannot be read is skipped and logged, at most once per
 * {@value #WARNING_SECONDS} seconds.
 */
final class SessionListing {

	private static final Log logger = LogFactory.getLog(SessionListing.class);

	private static final int WARNING_SECONDS = 10;

	private static final byte[] META_FIELD = { 'm' };

	private static final byte[] OWNER_FIELD = { 'o' };

	private final RedisStore store;

	private final RedisCalls redis;

	private final RedisKeys keys;

	private final SessionScripts scripts;

	private final Housekeeping housekeeping;

	private final MetaCodec codec = new MetaCodec();

	private final AtomicLong unreadableSessions = new AtomicLong();

	private volatile long lastWarning;

	SessionListing(RedisStore store, RedisCalls redis, RedisKeys keys, SessionScripts scripts,
			Housekeeping housekeeping) {
		this.store = store;
		this.redis = redis;
		this.keys = keys;
		this.scripts = scripts;
		this.housekeeping = housekeeping;
	}

	/**
	 * Reads the page after a cursor.
	 * @throws IllegalArgumentException for a bad page size or cursor
	 */
	Mono<SessionPage> page(@Nullable String cursor, int pageSize) {
		SessionPage.checkPageSize(pageSize);
		IndexEntry after = (cursor != null) ? IndexEntry.decode(cursor) : null;
		byte[] score = (after != null) ? SessionScripts.bytes(after.score()) : new byte[0];
		byte[] id = (after != null) ? SessionScripts.bytes(after.id()) : new byte[0];
		return this.scripts.page(score, id, pageSize + 1).flatMap((result) -> {
			List<IndexEntry> entries = new ArrayList<>(result.size() / 2);
			for (int i = 0; i + 1 < result.size(); i += 2) {
				entries.add(new IndexEntry(SessionScripts.text((byte[]) result.get(i + 1)),
						SessionScripts.text((byte[]) result.get(i))));
			}
			boolean more = entries.size() > pageSize;
			List<IndexEntry> page = more ? entries.subList(0, pageSize) : entries;
			String next = more ? page.get(page.size() - 1).encode() : null;
			return Flux.fromIterable(page)
				.flatMapSequential(this::listed, 32)
				.collectList()
				.map((sessions) -> new SessionPage(sessions, next));
		});
	}

	/**
	 * Counts the entries of the session index.
	 */
	Mono<Long> count() {
		return this.redis.zcard(this.keys.index());
	}

	private Mono<Connection> listed(IndexEntry entry) {
		byte[] id = SessionScripts.bytes(entry.id());
		return this.redis.hmget(this.keys.meta(entry.id()), META_FIELD, OWNER_FIELD).flatMap((values) -> {
			if (!values.get(0).hasValue()) {
				return this.housekeeping.pruned(id).then(Mono.empty());
			}
			Meta meta = this.codec.read(values.get(0).getValue());
			String owner = values.get(1).hasValue() ? SessionScripts.text(values.get(1).getValue()) : "";
			return Mono.<Connection>just(new RedisSessionHandle(this.store, meta, "", owner.isEmpty() ? null : owner));
		}).onErrorResume((error) -> !(error instanceof StoreUnavailableException), (error) -> {
			skipUnreadable(entry.id(), error);
			return Mono.empty();
		});
	}

	private void skipUnreadable(String id, Throwable error) {
		long count = this.unreadableSessions.incrementAndGet();
		long now = System.nanoTime();
		if (now - this.lastWarning > Duration.ofSeconds(WARNING_SECONDS).toNanos() || count == 1) {
			this.lastWarning = now;
			// Only Redis's own error text: a JSON parser's message may quote the request's secrets.
			String reason = (error instanceof RedisCommandExecutionException) ? error.getMessage()
					: error.getClass().getSimpleName();
			logger.warn("Skipped session '" + id + "' in a listing: its keys cannot be read (" + reason + "); "
					+ count + " skipped so far");
		}
	}

	/**
	 * An entry of the session index, and its encoding as a listing cursor: {@code <score>:<id>} in URL-safe
	 * Base64.
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
