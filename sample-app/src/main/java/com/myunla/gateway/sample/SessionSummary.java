package com.myunla.gateway.sample;

import java.time.Instant;

import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.Redaction;
import com.myunla.gateway.session.RequestInfo;

/**
 * A session as {@code GET /sessions} shows it: its metadata with the request's secrets
 * redacted.
 *
 * @param id the session id
 * @param createdAt when the session was created
 * @param prefix the route prefix the session belongs to
 * @param type the kind of stream
 * @param request the request that opened the session,
 * {@linkplain Redaction#apply(RequestInfo) redacted}
 */
public record SessionSummary(String id, Instant createdAt, String prefix, String type, RequestInfo request) {

	/**
	 * Summarises a session's metadata, leaving out its opaque extra data and redacting
	 * the request.
	 * @param meta the metadata
	 * @param redaction the request values to hide ({@code session.redaction.*})
	 * @return the summary
	 */
	public static SessionSummary of(Meta meta, Redaction redaction) {
		return new SessionSummary(meta.id(), meta.createdAt(), meta.prefix(), meta.type(),
				redaction.apply(meta.request()));
	}

}
