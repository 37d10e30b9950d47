package com.myunla.gateway.session;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Registry of live client sessions.
 *
 * <p>
 * A gateway registers a session when a client opens a stream, hands the session's id to
 * the client, and from then on any caller that knows the id can {@link #get(String) look
 * the session up} and {@link Connection#send(Message) send} to it. See {@link Connection}
 * for the delivery guarantees.
 *
 * <p>
 * <strong>Expiry.</strong> A session expires after the store's time-to-live without
 * activity: getting it, sending to it, or an open stream keeps it alive. An expired
 * session behaves as if it had been unregistered.
 *
 * <p>
 * <strong>Lifecycle.</strong> {@link #close()} releases everything the store holds (live
 * streams complete, connections and threads are released); afterwards every operation
 * signals {@link StoreClosedException}, an {@link IllegalStateException}. As a Spring
 * bean the store is closed when the application context closes.
 *
 * <p>
 * All methods are lazy and thread-safe: the work happens on subscription, and errors are
 * signalled, never thrown. Invalid ids signal {@link IllegalArgumentException}.
 */
public interface Store extends AutoCloseable {

	/** Page size of {@link #list()}. */
	int DEFAULT_PAGE_SIZE = 100;

	/** Largest page size of {@link #list(String, int)}. */
	int MAX_PAGE_SIZE = 1000;

	/**
	 * Registers a new session.
	 * @param meta the session's metadata
	 * @return the new session's connection, or {@link SessionExistsException} if the id
	 * is taken
	 */
	Mono<Connection> register(Meta meta);

	/**
	 * Looks a session up, counting as activity.
	 * @param id the session id
	 * @return the connection, or {@link SessionNotFoundException} if the session is
	 * unknown or expired
	 */
	Mono<Connection> get(String id);

	/**
	 * Sends a message to a session by id: the same as
	 * {@code get(id).flatMap(c -> c.send(message))}, which stores may do in fewer steps.
	 * @param id the session id
	 * @param message the message
	 * @return a {@code Mono} completing once the message is acknowledged; see
	 * {@link Connection#send(Message)}
	 */
	default Mono<Void> send(String id, Message message) {
		return get(id).flatMap((connection) -> connection.send(message));
	}

	/**
	 * Removes a session. Its live stream completes wherever it is.
	 * @param id the session id
	 * @return a {@code Mono} completing once removed, or {@link SessionNotFoundException}
	 * if the session is unknown or expired
	 */
	Mono<Void> unregister(String id);

	/**
	 * Lists the registered, unexpired sessions, page by page in the order of
	 * {@link #list(String, int)}: it reads the next page only once the previous one was
	 * consumed, so that it never holds more than about one page of
	 * {@value #DEFAULT_PAGE_SIZE} sessions. Listing is not activity.
	 * @return the sessions' connections
	 */
	default Flux<Connection> list() {
		return list(null, DEFAULT_PAGE_SIZE)
			.expand((page) -> (page.nextCursor() != null) ? list(page.nextCursor(), DEFAULT_PAGE_SIZE) : Mono.empty())
			// a prefetch of one page: the next page is requested only when the current
			// one was handed on
			.concatMapIterable(SessionPage::sessions, 1);
	}

	/**
	 * Reads one page of the registered, unexpired sessions. The cost of a page depends on
	 * its size, not on how many sessions the store holds. Listing is not activity. See
	 * {@link SessionPage} for what a full pass guarantees while sessions come and go.
	 * @param cursor {@code null} for the first page, otherwise the
	 * {@link SessionPage#nextCursor()} of the previous page, unchanged
	 * @param pageSize the most sessions the page holds, from 1 to {@value #MAX_PAGE_SIZE}
	 * @return the page, or {@link IllegalArgumentException} if the page size is out of
	 * range or the cursor was not made by this kind of store
	 */
	Mono<SessionPage> list(@Nullable String cursor, int pageSize);

	/**
	 * Counts the registered sessions. Counting is not activity.
	 * @return the number of sessions; a store may count sessions that expired a moment
	 * ago and were not cleaned up yet (its javadoc says so)
	 */
	Mono<Long> count();

	/**
	 * Prepares this instance for shutting down: completes the live streams this instance
	 * serves, as a takeover would, and completes streams opened afterwards at once, so
	 * that clients reconnect (to another instance, where there is one) and resume with
	 * their last id. Sessions stay registered and every other operation keeps working
	 * until {@link #close()}. Idempotent. The default does nothing, for a store whose
	 * streams need no ending before it closes.
	 */
	default void stopStreams() {
	}

	/**
	 * Closes the store, releasing everything it holds. Idempotent.
	 */
	@Override
	void close();

}
