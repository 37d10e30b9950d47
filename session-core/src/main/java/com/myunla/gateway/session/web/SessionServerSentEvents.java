package com.myunla.gateway.session.web;

import java.time.Duration;
import java.util.function.Function;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.SessionNotFoundException;
import com.myunla.gateway.session.SlowConsumerException;
import com.myunla.gateway.session.StoreUnavailableException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.codec.ServerSentEvent;
import org.springframework.util.Assert;

/**
 * Turns a session's stream of {@link Delivery deliveries} into server-sent events, for a
 * controller of a WebFlux or a Spring MVC application to return:
 *
 * <pre class="code">
 * &#64;GetMapping(path = "/events/{id}", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
 * Flux&lt;ServerSentEvent&lt;String&gt;&gt; events(&#64;PathVariable String id,
 * 		&#64;RequestHeader(name = "Last-Event-ID", required = false) &#64;Nullable String lastEventId) {
 * 	return this.events.from(this.store.get(id).flatMapMany((connection) -&gt; connection.events(lastEventId)));
 * }
 * </pre>
 *
 * <p>
 * Each message becomes one event with its id as {@code id:}, its event name as
 * {@code event:} and its data, decoded as UTF-8, as {@code data:}; Spring's encoders
 * (WebFlux's and Spring MVC's alike) write every line of the data, whether it ends in LF,
 * CR or CRLF, as a {@code data:} line of its own. A {@linkplain Delivery#isGap() gap
 * notice} is an event of its own named {@value Delivery#GAP_EVENT}, without an id, so
 * that the client's {@code Last-Event-ID} stays the id of the last message it really got.
 * While the stream is open, a {@code :keep-alive} comment goes out every keep-alive
 * interval. In a WebFlux application on Reactor Netty the stream ends as soon as the
 * request's connection closes, even when the response never got to its first write (see
 * {@link ClosedConnectionWebFilter}): the store's stream then ends with it and stops
 * keeping its session alive.
 *
 * <p>
 * An error before the first event (an unknown session, a {@code Last-Event-ID} the store
 * rejects, the store's backend unreachable) is signalled as is, while the response can
 * still answer it with an error status (see {@link SessionExceptionHandler}). Afterwards
 * the stream completes instead: when the session is gone
 * ({@link SessionNotFoundException}) or when the store's backend cannot be reached
 * ({@link StoreUnavailableException}); a client then reconnects with its
 * {@code Last-Event-ID} and gets the rest replayed. A consumer that fell too far behind
 * ({@link SlowConsumerException}) ends the stream the same way, even before its first
 * event: the response has already started then, as a caller may have written events of
 * its own ahead of the session's. Other errors are signalled as they come.
 *
 * <p>
 * A gateway whose protocol wants other events (a JSON-RPC notification for a gap, say, or
 * no id) passes its own mapping to {@link #from(Flux, Function)} and keeps the rest:
 * keep-alive, flow control and the ends above.
 *
 * <p>
 * Instances are immutable and thread-safe.
 */
public final class SessionServerSentEvents {

	private static final Log logger = LogFactory.getLog(SessionServerSentEvents.class);

	private static final ServerSentEvent<String> KEEP_ALIVE = ServerSentEvent.<String>builder()
		.comment("keep-alive")
		.build();

	private final Duration keepAlive;

	/**
	 * Creates the mapping.
	 * @param keepAlive the interval between keep-alive comments; positive
	 */
	public SessionServerSentEvents(Duration keepAlive) {
		Assert.isTrue(keepAlive != null && !keepAlive.isNegative() && !keepAlive.isZero(),
				"Keep-alive interval must be positive");
		this.keepAlive = keepAlive;
	}

	/**
	 * Returns the interval between keep-alive comments.
	 * @return the keep-alive interval
	 */
	public Duration getKeepAlive() {
		return this.keepAlive;
	}

	/**
	 * Maps a session's stream to server-sent events, with keep-alive comments while it is
	 * open.
	 * @param deliveries the stream, as {@link Connection#events(String)} returns it (or a
	 * {@code Flux} that looks the session up first, which may then signal
	 * {@link SessionNotFoundException} before any event)
	 * @return the events
	 */
	public Flux<ServerSentEvent<String>> from(Flux<Delivery> deliveries) {
		return from(deliveries, SessionServerSentEvents::toEvent);
	}

	/**
	 * Maps a session's stream to server-sent events with a mapping of the caller's, with
	 * keep-alive comments while it is open and the same flow control and ends as
	 * {@link #from(Flux)}.
	 * @param deliveries the stream, as {@link Connection#events(String)} returns it (or a
	 * {@code Flux} that looks the session up first, which may then signal
	 * {@link SessionNotFoundException} before any event)
	 * @param mapping turns each delivery, {@linkplain Delivery#isGap() gap notices}
	 * included, into its event, or into {@code null} for a delivery the client is not to
	 * see
	 * @return the events
	 */
	public Flux<ServerSentEvent<String>> from(Flux<Delivery> deliveries,
			Function<Delivery, @Nullable ServerSentEvent<String>> mapping) {
		Assert.notNull(mapping, "Mapping must not be null");
		return Flux.deferContextual((context) -> {
			// Whether anything went out decides whether an error can still become an
			// error answer
			boolean[] started = new boolean[1];
			Flux<ServerSentEvent<String>> events = deliveries.handle((delivery, sink) -> {
				ServerSentEvent<String> event = mapping.apply(delivery);
				if (event != null) {
					sink.next(event);
				}
			});
			// A tick that comes while the client has not taken the last event yet is
			// dropped: the stream is not idle then, and an interval without demand would
			// otherwise fail the stream
			Flux<ServerSentEvent<String>> keepAlive = Flux.interval(this.keepAlive)
				.onBackpressureDrop()
				.map((tick) -> KEEP_ALIVE);
			// Prefetches of one, so that the store's own buffer, not these operators'
			// queues, holds what the client has not taken yet: the store's slow-consumer
			// bound then applies as configured
			// The keep-alive ends with the events but does not take their error: the
			// merge
			// would otherwise get it twice, and combine the two into a composite error
			// when
			// they race with a request draining it on another thread
			Flux<ServerSentEvent<String>> stream = events
				.publish((shared) -> Flux.merge(1, shared, keepAlive.takeUntilOther(shared.then().onErrorComplete())),
						1)
				.doOnNext((event) -> started[0] = true)
				.onErrorResume((ex) -> endsQuietly(ex, started[0]), (ex) -> {
					if (ex instanceof SlowConsumerException) {
						logger.info(ex.getMessage());
					}
					else if (logger.isDebugEnabled()) {
						logger.debug("Event stream ended: " + ex.getMessage());
					}
					return Flux.empty();
				});
			// The response's cancel may never come for a connection that closed before
			// the first write, see ClosedConnectionWebFilter
			Mono<Void> connectionClosed = ClosedConnectionWebFilter.connectionClosed(context);
			return (connectionClosed != null) ? stream.takeUntilOther(connectionClosed) : stream;
		});
	}

	/**
	 * Maps one delivery to its event: a message with its id, a gap notice without.
	 * @param delivery the delivery
	 * @return the event
	 */
	public static ServerSentEvent<String> toEvent(Delivery delivery) {
		Message message = delivery.message();
		ServerSentEvent.Builder<String> event = ServerSentEvent.builder(message.dataAsString()).event(message.event());
		// A gap notice repeats the client's own last id, so it leaves the client's
		// Last-Event-ID as it was
		return delivery.isGap() ? event.build() : event.id(delivery.id()).build();
	}

	private static boolean endsQuietly(Throwable ex, boolean started) {
		// A slow consumer has nothing an error answer could tell it, and may come before
		// the first event when a replay outruns it: the caller may have written events of
		// its own already, so the response has started
		return ex instanceof SlowConsumerException
				|| (started && (ex instanceof SessionNotFoundException || ex instanceof StoreUnavailableException));
	}

}
