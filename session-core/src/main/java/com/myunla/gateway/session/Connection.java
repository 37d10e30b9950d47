package com.myunla.gateway.session;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A handle on one registered session, obtained from {@link Store#register(Meta)},
 * {@link Store#get(String)} or {@link Store#list()}. Any number of handles, on any
 * instance, may refer to the same session. A handle refers to one registration: once the
 * session is unregistered, its handles fail with {@link SessionNotFoundException}, also
 * after a new session is registered under the same id.
 *
 * <p>
 * <strong>Sending.</strong> {@link #send(Message)} appends a message to the session. Once
 * the returned {@code Mono} completes the message is acknowledged: it gets the next id of
 * the session's sequence, is kept in the session's retention window, and is delivered
 * exactly once, in order, to the session's stream (the one open now, or the next one
 * opened). Concurrent senders never block each other or the stream; the messages of one
 * sender arrive in the order that sender's {@code send}s completed.
 *
 * <p>
 * <strong>Streaming.</strong> A session has at most one live stream in the whole fleet.
 * Subscribing to {@link #events()} or {@link #events(String)} takes the stream over: a
 * previous stream of the same session, on this or any other instance, completes. A stream
 * ends with {@link SlowConsumerException} when its consumer falls more than the store's
 * buffer size behind, in messages or in bytes of message data, and completes when the
 * session is unregistered or expires. Cancelling the subscription (the client went away)
 * leaves the session registered so that the client can resume until the session expires.
 *
 * <p>
 * <strong>Threads.</strong> The signals of a stream arrive on a thread of the store, not
 * of the subscriber: on the in-memory store the thread whose {@code send} (or
 * {@code unregister}, or takeover) caused them; on the Redis store an I/O thread of the
 * Redis client, shared with every other stream and operation of the store. A subscriber
 * must therefore not block in its callbacks (hand blocking work to another scheduler, for
 * example with {@code publishOn}); a blocked callback holds up other sessions'
 * deliveries. No store calls a subscriber while holding a lock of its own, so callbacks
 * may call the store again.
 *
 * <p>
 * <strong>Errors.</strong> Operations on a session that is no longer registered signal
 * {@link SessionNotFoundException}; invalid arguments signal
 * {@link IllegalArgumentException}.
 *
 * <p>
 * Implementations are thread-safe.
 */
public interface Connection {

	/**
	 * Returns the session's metadata.
	 * @return the metadata
	 */
	Meta meta();

	/**
	 * Sends a message to the session.
	 * @param message the message
	 * @return a {@code Mono} completing once the message is acknowledged, or signalling
	 * {@link SessionNotFoundException} if the session is gone and
	 * {@link IllegalArgumentException} if the message exceeds the store's size limit
	 */
	Mono<Void> send(Message message);

	/**
	 * Opens the session's stream, continuing after the last message delivered by any
	 * earlier stream of the session (from the start for a new session): messages sent
	 * while no stream was open are delivered first.
	 *
	 * <p>
	 * Without an id the store can only go by what earlier streams handed downstream,
	 * which is not always what the client processed: a message handed to a response just
	 * as its client closed the connection counts as delivered, and this method continues
	 * after it, so the client never sees it. On Redis, a stream still open on another
	 * instance records its position only when it ends, so messages it delivered just
	 * before the takeover may also come again. <strong>Exact resume needs the
	 * id</strong>: a client that knows the id of the last message it processed resumes
	 * with {@link #events(String)} and gets exactly what it missed.
	 * @return the stream of deliveries
	 */
	Flux<Delivery> events();

	/**
	 * Opens the session's stream, resuming after the given id: the retained messages
	 * after it are replayed, then live ones follow. If some of those messages are no
	 * longer retained, the stream starts with a {@linkplain Delivery#isGap() gap notice}.
	 *
	 * <p>
	 * An id after the session's last message is one no client can have received from the
	 * in-memory store, which rejects it. On Redis it is one the session's log lost after
	 * the client received it (Redis replicates asynchronously, and a failover may promote
	 * a replica without the newest messages): the stream continues after the log's last
	 * message and says first, with a gap notice, that messages were lost.
	 * @param lastEventId the id of the last message the client processed ({@code "0"} for
	 * all retained messages), or {@code null} to behave as {@link #events()}
	 * @return the stream of deliveries; it signals {@link IllegalArgumentException},
	 * without taking the stream over, if the id is not a message id of this store, or if
	 * the store is in memory and the id is after the session's last message
	 */
	Flux<Delivery> events(@Nullable String lastEventId);

	/**
	 * Ends the session: the same as {@link Store#unregister(String)} with this session's
	 * id. Its live stream completes wherever it is, and later operations on the session
	 * fail with {@link SessionNotFoundException}.
	 * @return a {@code Mono} completing once the session is removed, or signalling
	 * {@link SessionNotFoundException} if it was already gone
	 */
	Mono<Void> close();

}
