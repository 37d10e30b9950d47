package com.myunla.gateway.session.autoconfigure;

import java.time.Instant;
import java.util.List;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.FleetStore;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.Redaction;
import com.myunla.gateway.session.RequestInfo;
import com.myunla.gateway.session.SessionNotFoundException;
import com.myunla.gateway.session.Store;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * Actuator endpoint {@code sessions}: pages through the sessions of the {@link Store}
 * with their count, shows one session, and deletes one. Like Actuator's own endpoints it
 * is reachable only once exposed (for example
 * {@code management.endpoints.web.exposure.include=health,sessions}).
 *
 * <p>
 * A session shows its id, type, prefix, creation time, the instance owning its live
 * stream where the store knows it (a {@link FleetStore}, such as the Redis store), and
 * its request with the values its {@link Redaction} names hidden; never its opaque extra
 * data. Listing is not activity; showing one session is, as {@link Store#get(String)}.
 * Deleting is {@link Store#unregister(String)}, which ends the session's live stream
 * wherever it is; deleting an unknown session does nothing.
 */
@Endpoint(id = "sessions")
public class SessionsEndpoint {

	private final Store store;

	private final Redaction redaction;

	/**
	 * Creates the endpoint.
	 * @param store the store to operate on
	 * @param redaction the request values to hide
	 */
	public SessionsEndpoint(Store store, Redaction redaction) {
		this.store = store;
		this.redaction = redaction;
	}

	/**
	 * Reads one page of sessions and the number of sessions.
	 * @param cursor the {@code nextCursor} of the previous page, or {@code null} for the
	 * first page
	 * @param size the most sessions on the page, from 1 to {@value Store#MAX_PAGE_SIZE};
	 * default {@value Store#DEFAULT_PAGE_SIZE}
	 * @return the page; a bad size or cursor is an invalid request ({@code 400} over
	 * HTTP)
	 */
	@ReadOperation
	public Mono<SessionsDescriptor> sessions(@Nullable String cursor, @Nullable Integer size) {
		int pageSize = (size != null) ? size : Store.DEFAULT_PAGE_SIZE;
		return Mono.zip(this.store.list(cursor, pageSize), this.store.count())
			.flatMap((result) -> Flux.fromIterable(result.getT1().sessions())
				.map((connection) -> describe(connection, listedOwner(connection)))
				.collectList()
				.map((sessions) -> new SessionsDescriptor(result.getT2(), sessions, result.getT1().nextCursor())))
			.onErrorMap(IllegalArgumentException.class, SessionsEndpoint::invalid);
	}

	/**
	 * Shows one session.
	 * @param id the session id
	 * @return the session, or empty if it is unknown ({@code 404} over HTTP)
	 */
	@ReadOperation
	public Mono<SessionDescriptor> session(@Selector String id) {
		return this.store.get(id)
			.flatMap((connection) -> owner(id).map((owner) -> describe(connection, owner))
				.defaultIfEmpty(describe(connection, null)))
			.onErrorResume(SessionNotFoundException.class, (ex) -> Mono.empty())
			.onErrorMap(IllegalArgumentException.class, SessionsEndpoint::invalid);
	}

	/**
	 * Deletes a session, ending its live stream wherever it is.
	 * @param id the session id
	 * @return completes once the session is gone, also if it was unknown
	 */
	@DeleteOperation
	public Mono<Void> delete(@Selector String id) {
		return this.store.unregister(id)
			.onErrorResume(SessionNotFoundException.class, (ex) -> Mono.empty())
			.onErrorMap(IllegalArgumentException.class, SessionsEndpoint::invalid);
	}

	private @Nullable String listedOwner(Connection connection) {
		return (this.store instanceof FleetStore fleet) ? fleet.listedOwner(connection) : null;
	}

	private Mono<String> owner(String id) {
		return (this.store instanceof FleetStore fleet) ? fleet.owner(id) : Mono.empty();
	}

	private SessionDescriptor describe(Connection connection, @Nullable String owner) {
		Meta meta = connection.meta();
		return new SessionDescriptor(meta.id(), meta.type(), meta.prefix(), meta.createdAt(), owner,
				this.redaction.apply(meta.request()));
	}

	private static InvalidEndpointRequestException invalid(IllegalArgumentException ex) {
		return new InvalidEndpointRequestException(ex.getMessage(), ex.getMessage());
	}

	/**
	 * A page of sessions.
	 *
	 * @param count the number of sessions in the store (see {@link Store#count()})
	 * @param sessions the page's sessions
	 * @param nextCursor the cursor of the next page, or {@code null} on the last page
	 */
	public record SessionsDescriptor(long count, List<SessionDescriptor> sessions, @Nullable String nextCursor) {
	}

	/**
	 * A session as the endpoint shows it.
	 *
	 * @param id the session id
	 * @param type the kind of stream
	 * @param prefix the route prefix
	 * @param createdAt when the session was created
	 * @param owner the instance owning the session's live stream, or {@code null} if none
	 * or not known
	 * @param request the request that opened the session, with secrets redacted
	 */
	public record SessionDescriptor(String id, String type, String prefix, Instant createdAt, @Nullable String owner,
			RequestInfo request) {
	}

}
