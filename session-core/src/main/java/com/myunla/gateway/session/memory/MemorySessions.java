package com.myunla.gateway.session.memory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.SessionExistsException;
import com.myunla.gateway.session.SessionPage;
import org.jspecify.annotations.Nullable;

/**
 * The sessions of a {@link MemoryStore}, sorted by id so that a listing cursor is simply
 * the last id listed. The store checks that it is open; this class keeps the map.
 */
final class MemorySessions {

	private final ConcurrentSkipListMap<String, MemoryConnection> sessions = new ConcurrentSkipListMap<>();

	/**
	 * Adds a new session, replacing an expired one of the same id.
	 * @throws SessionExistsException if a live session has the id
	 */
	void add(MemoryConnection created, long now) {
		String id = created.meta().id();
		MemoryConnection existing;
		while ((existing = this.sessions.putIfAbsent(id, created)) != null) {
			if (!existing.expireIfIdle(now)) {
				throw new SessionExistsException(id);
			}
		}
	}

	@Nullable MemoryConnection get(String id) {
		return this.sessions.get(id);
	}

	void remove(MemoryConnection connection) {
		this.sessions.remove(connection.meta().id(), connection);
	}

	int size() {
		return this.sessions.size();
	}

	SessionPage page(@Nullable String cursor, int pageSize, long now) {
		Map<String, MemoryConnection> after = (cursor != null) ? this.sessions.tailMap(decodeCursor(cursor), false)
				: this.sessions;
		List<Connection> page = new ArrayList<>(Math.min(pageSize, 64));
		for (MemoryConnection connection : after.values()) {
			if (connection.expireIfIdle(now)) {
				continue;
			}
			if (page.size() == pageSize) {
				return new SessionPage(page, encodeCursor(page.get(page.size() - 1).meta().id()));
			}
			page.add(connection);
		}
		return new SessionPage(page, null);
	}

	long count(long now) {
		return this.sessions.values().stream().filter((connection) -> !connection.expireIfIdle(now)).count();
	}

	void sweep(long now) {
		for (MemoryConnection connection : this.sessions.values()) {
			connection.expireIfIdle(now);
		}
	}

	void stopStreams() {
		for (MemoryConnection connection : this.sessions.values()) {
			connection.stopStream();
		}
	}

	void abandonAll() {
		for (MemoryConnection connection : this.sessions.values()) {
			connection.abandon();
		}
		this.sessions.clear();
	}

	private static String encodeCursor(String id) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.UTF_8));
	}

	private static String decodeCursor(String cursor) {
		try {
			return Meta.checkId(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Malformed session listing cursor", ex);
		}
	}

}
