package com.myunla.gateway.session;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of a {@linkplain Store#list(String, int) paged listing} of sessions.
 *
 * <p>
 * The cursor is opaque: pass it back unchanged to {@link Store#list(String, int)} to read
 * the next page. It stays valid while sessions come and go: a full pass (from the first
 * page until {@code nextCursor} is {@code null}) lists every session that stayed
 * registered throughout exactly once; a session registered or removed during the pass may
 * or may not appear. A page may hold fewer sessions than asked for (the store skips
 * sessions that expired or cannot be read) and still have a next page.
 *
 * @param sessions the page's sessions, in the store's listing order
 * @param nextCursor the cursor of the next page, or {@code null} if this is the last page
 */
public record SessionPage(List<Connection> sessions, @Nullable String nextCursor) {

	/**
	 * Creates a page.
	 * @throws IllegalArgumentException if {@code sessions} is {@code null}
	 */
	public SessionPage {
		if (sessions == null) {
			throw new IllegalArgumentException("Sessions must not be null");
		}
		sessions = List.copyOf(sessions);
	}

	/**
	 * Checks a requested page size, for stores implementing
	 * {@link Store#list(String, int)}.
	 * @param pageSize the page size
	 * @return the page size
	 * @throws IllegalArgumentException if it is not between 1 and
	 * {@link Store#MAX_PAGE_SIZE}
	 */
	public static int checkPageSize(int pageSize) {
		if (pageSize < 1 || pageSize > Store.MAX_PAGE_SIZE) {
			throw new IllegalArgumentException(
					"Page size must be between 1 and " + Store.MAX_PAGE_SIZE + ", was " + pageSize);
		}
		return pageSize;
	}

	/**
	 * Returns whether another page follows this one.
	 * @return whether {@link #nextCursor()} is set
	 */
	public boolean hasNext() {
		return this.nextCursor != null;
	}

}
