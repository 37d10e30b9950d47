package com.myunla.gateway.session;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Registry of live client sessions.
 *
 * <p>A gateway registers a session when a client opens a stream, hands the session's id to the client, and
 * from then on any caller that knows the id can {@link #get(String) look the session up} and
 * {@link Connection#send(Message) send} to it. See {@link Connection} for the delivery guarantees.
 *
 * <p><strong>Expiry.</strong> A session expires after the store's time-to-live without activity: getting it,
 * sending to it, or an open stream keeps it alive. An expired session behaves as if it had been unregistered.
 *
 * <p><strong>Lifecycle.</strong> {@link #close()} releases everything the store holds (live streams complete,
 * connections and threads are released); afterwards every operation signals {@link IllegalStateException}.
 * As a Spring bean the store is closed when the application context closes.
 *
 * <p>All methods are lazy and thread-safe: the work happens on subscription, and errors are signalled, never
 * thrown. Invalid ids signal {@link IllegalArgumentException}.
 */
public interface Store extends AutoCloseable {

	/**
	 * Registers a new session.
	 * @param meta the session's metadata
	 * @return the new session's connection, or {@link SessionExistsException} if the id is taken
	 */
	Mono<Connection> register(Meta meta);

	/**
	 * Looks a session up, counting as activity.
	 * @param id the session id
	 * @return the connection, or {@link SessionNotFoundException} if the session is unknown or expired
	 */
	Mono<Connection> get(String id);

	/**
	 * Sends a message to a session by id: the same as {@code get(id).flatMap(c -> c.send(message))}, which
	 * stores may do in fewer steps.
	 * @param id the session id
	 * @param message the message
	 * @return a {@code Mono} completing once the message is acknowledged; see {@link Connection#send(Message)}
	 */
	default Mono<Void> send(String id, Message message) {
		return get(id).flatMap((connection) -> connection.send(message));
	}

	/**
	 * Removes a session. Its live stream completes wherever it is.
	 * @param id the session id
	 * @return a {@code Mono} completing once removed, or {@link SessionNotFoundException} if the session is
	 * unknown or expired
	 */
	Mono<Void> unregister(String id);

	/**
	 * Lists the registered, unexpired sessions, in no particular order. Listing is not activity.
	 * @return the sessions' connections
	 */
	Flux<Connection> list();

	/**
	 * Closes the store, releasing everything it holds. Idempotent.
	 */
	@Override
	void close();

}
