package com.myunla.gateway.sample;

import java.time.Instant;

import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.RequestInfo;

/**
 * A session as {@code GET /sessions} shows it: its metadata with the request's secrets redacted.
 *
 * @param id the session id
 * @param createdAt when the session was created
 * @param prefix the route prefix the session belongs to
 * @param type the kind of stream
 * @param request the request that opened the session, {@linkplain RequestInfo#redacted() redacted}
 */
public record SessionSummary(String id, Instant createdAt, String prefix, String type, RequestInfo request) {

	/**
	 * Summarises a session's metadata, leaving out its opaque extra data and redacting the request.
	 * @param meta the metadata
	 * @return the summary
	 */
	public static SessionSummary of(Meta meta) {
		return new SessionSummary(meta.id(), meta.createdAt(), meta.prefix(), meta.type(), meta.request().redacted());
	}

}
