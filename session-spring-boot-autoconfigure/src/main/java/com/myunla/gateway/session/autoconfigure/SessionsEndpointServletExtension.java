package com.myunla.gateway.session.autoconfigure;

import com.myunla.gateway.session.autoconfigure.SessionsEndpoint.SessionDescriptor;
import com.myunla.gateway.session.autoconfigure.SessionsEndpoint.SessionsDescriptor;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The {@link SessionsEndpoint} over HTTP in a Spring MVC application, where it answers as
 * it does in a WebFlux one: {@code 404} for an unknown session, {@code 400} for a bad
 * page size, cursor or session id, {@code 204} for a delete.
 *
 * <p>
 * Spring MVC's Actuator handles only what an operation returns or throws at once, and
 * hands a {@code Mono} on to Spring MVC as any other value: an empty one became
 * {@code 200} with an empty body, and an invalid request signalled through it a
 * {@code 500}. This extension waits for the endpoint's answers on the request's thread,
 * as Spring MVC does anyway; each is bounded by the store's own timeouts (the Redis
 * store's {@code command-timeout}).
 */
@EndpointWebExtension(endpoint = SessionsEndpoint.class)
public final class SessionsEndpointServletExtension {

	private final SessionsEndpoint endpoint;

	/**
	 * Creates the extension.
	 * @param endpoint the endpoint it answers for
	 */
	public SessionsEndpointServletExtension(SessionsEndpoint endpoint) {
		this.endpoint = endpoint;
	}

	/**
	 * Reads one page of sessions and the number of sessions, as
	 * {@link SessionsEndpoint#sessions(String, Integer)}.
	 * @param cursor the {@code nextCursor} of the previous page, or {@code null} for the
	 * first page
	 * @param size the most sessions on the page
	 * @return the page
	 */
	@ReadOperation
	public @Nullable SessionsDescriptor sessions(@Nullable String cursor, @Nullable Integer size) {
		return this.endpoint.sessions(cursor, size).block();
	}

	/**
	 * Shows one session, as {@link SessionsEndpoint#session(String)}.
	 * @param id the session id
	 * @return the session, or {@code null} if it is unknown ({@code 404})
	 */
	@ReadOperation
	public @Nullable SessionDescriptor session(@Selector String id) {
		return this.endpoint.session(id).block();
	}

	/**
	 * Deletes a session, as {@link SessionsEndpoint#delete(String)}.
	 * @param id the session id
	 */
	@DeleteOperation
	public void delete(@Selector String id) {
		this.endpoint.delete(id).block();
	}

}
