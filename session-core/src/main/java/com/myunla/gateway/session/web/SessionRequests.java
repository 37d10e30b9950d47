package com.myunla.gateway.session.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.Redaction;
import com.myunla.gateway.session.RequestInfo;
import com.myunla.gateway.session.Store;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.RequestEntity;
import org.springframework.util.Assert;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Registers sessions from the HTTP requests that open them, and reads the last event id a
 * reconnecting client sends, for a controller of a WebFlux or a Spring MVC application.
 * Both stacks pass a {@link RequestEntity} to a controller method that declares one, so
 * the same controller source runs in either (with a body type that an empty body of no
 * content type can be read as, such as {@code String}: WebFlux answers {@code 415} for
 * {@code Void}):
 *
 * <pre class="code">
 * &#64;PostMapping("/sessions")
 * Mono&lt;String&gt; create(RequestEntity&lt;String&gt; request) {
 * 	return this.requests.register(request, "sse").map((connection) -&gt; connection.meta().id());
 * }
 * </pre>
 *
 * <p>
 * A session's {@link RequestInfo} holds the request's headers, query parameters and
 * cookies, complete: the instance that registered the session keeps them in the
 * {@link Connection} that {@code register} returns, for example to forward the client's
 * credentials, and a store that writes sessions elsewhere (the Redis store) redacts what
 * it writes as it is configured to. Where this class logs a request, it shows it through
 * its {@link Redaction}.
 *
 * <p>
 * Instances are immutable and thread-safe.
 */
public final class SessionRequests {

	/** The header a reconnecting {@code EventSource} sends its last event id in. */
	public static final String LAST_EVENT_ID_HEADER = "Last-Event-ID";

	/**
	 * The query parameter a client that cannot send headers (a new browser
	 * {@code EventSource}) passes its last event id in.
	 */
	public static final String LAST_EVENT_ID_PARAMETER = "lastEventId";

	private static final Log logger = LogFactory.getLog(SessionRequests.class);

	private final Store store;

	private final Redaction redaction;

	/**
	 * Creates the helper.
	 * @param store the store to register sessions in
	 * @param redaction which values of a request are secrets, hidden where this class
	 * logs a request
	 */
	public SessionRequests(Store store, Redaction redaction) {
		Assert.notNull(store, "Store must not be null");
		Assert.notNull(redaction, "Redaction must not be null");
		this.store = store;
		this.redaction = redaction;
	}

	/**
	 * Registers a new session with a random id (a {@link UUID}) and an empty route prefix
	 * for a request.
	 * @param request the request that opens the session
	 * @param type the kind of stream (for example {@code sse}); may be empty
	 * @return the new session's connection, or {@code SessionExistsException} and the
	 * other errors of {@link Store#register(Meta)}
	 */
	public Mono<Connection> register(RequestEntity<?> request, String type) {
		return register(request, null, "", type);
	}

	/**
	 * Registers a new session for a request.
	 * @param request the request that opens the session
	 * @param id the session's id, or {@code null} for a random one (a {@link UUID})
	 * @param prefix the gateway's route prefix the session belongs to; may be empty
	 * @param type the kind of stream (for example {@code sse}); may be empty
	 * @return the new session's connection, or {@code IllegalArgumentException} for an
	 * invalid id, {@code SessionExistsException} for an id that is taken and the other
	 * errors of {@link Store#register(Meta)}
	 */
	public Mono<Connection> register(RequestEntity<?> request, @Nullable String id, String prefix, String type) {
		Assert.notNull(request, "Request must not be null");
		return Mono.defer(() -> {
			String sessionId = (id != null) ? id : UUID.randomUUID().toString();
			RequestInfo info = requestInfo(request.getHeaders(), request.getUrl());
			Meta meta = Meta.of(sessionId, prefix, type, info);
			return this.store.register(meta).doOnNext((connection) -> {
				if (logger.isDebugEnabled()) {
					logger.debug("Registered session '" + sessionId + "' for " + this.redaction.apply(info));
				}
			});
		});
	}

	/**
	 * Captures a request's headers, query parameters and cookies, complete. A
	 * {@link RequestInfo} holds one value per name: repeated headers are joined with
	 * {@code ", "}, as HTTP allows, and of repeated query parameters and cookies the
	 * first wins. A query parameter without a value ({@code ?flag}) has the empty value.
	 * @param headers the request's headers, whose {@code Cookie} headers hold its cookies
	 * @param uri the request's URI, whose query holds its parameters
	 * @return the request information
	 */
	public static RequestInfo requestInfo(HttpHeaders headers, URI uri) {
		Assert.notNull(headers, "Headers must not be null");
		Assert.notNull(uri, "URI must not be null");
		Map<String, String> headerValues = new LinkedHashMap<>();
		headers.forEach((name, values) -> headerValues.put(name, String.join(", ", values)));
		Map<String, String> queries = new LinkedHashMap<>();
		queryParameters(uri).forEach((name, values) -> queries.putIfAbsent(decode(name), first(values)));
		Map<String, String> cookies = new LinkedHashMap<>();
		for (String header : headers.getOrEmpty(HttpHeaders.COOKIE)) {
			for (String pair : header.split(";")) {
				int equals = pair.indexOf('=');
				String name = ((equals >= 0) ? pair.substring(0, equals) : pair).trim();
				if (!name.isEmpty()) {
					cookies.putIfAbsent(name, (equals >= 0) ? unquote(pair.substring(equals + 1).trim()) : "");
				}
			}
		}
		return new RequestInfo(headerValues, queries, cookies);
	}

	/**
	 * Returns the last event id a client sent: its {@value #LAST_EVENT_ID_HEADER} header
	 * or, where it sent none, its {@value #LAST_EVENT_ID_PARAMETER} query parameter. A
	 * browser's {@code EventSource} sends the header only when it reconnects by itself,
	 * so a page that opens a new one passes the id it last saw as the parameter.
	 * @param request the request
	 * @return the last event id, or {@code null} if the request has neither
	 */
	public static @Nullable String lastEventId(RequestEntity<?> request) {
		Assert.notNull(request, "Request must not be null");
		return lastEventId(request.getHeaders(), request.getUrl());
	}

	/**
	 * Returns the last event id a client sent: its {@value #LAST_EVENT_ID_HEADER} header
	 * or, where it sent none, its {@value #LAST_EVENT_ID_PARAMETER} query parameter.
	 * @param headers the request's headers
	 * @param uri the request's URI
	 * @return the last event id, or {@code null} if the request has neither
	 * @see #lastEventId(RequestEntity)
	 */
	public static @Nullable String lastEventId(HttpHeaders headers, URI uri) {
		Assert.notNull(headers, "Headers must not be null");
		Assert.notNull(uri, "URI must not be null");
		String header = headers.getFirst(LAST_EVENT_ID_HEADER);
		if (header != null) {
			return header;
		}
		for (Map.Entry<String, List<@Nullable String>> parameter : queryParameters(uri).entrySet()) {
			if (decode(parameter.getKey()).equals(LAST_EVENT_ID_PARAMETER)) {
				return first(parameter.getValue());
			}
		}
		return null;
	}

	private static MultiValueMap<String, @Nullable String> queryParameters(URI uri) {
		// Still encoded, as the URI's raw query is
		return UriComponentsBuilder.fromUri(uri).build().getQueryParams();
	}

	private static String first(List<@Nullable String> values) {
		String value = values.isEmpty() ? null : values.get(0);
		return (value != null) ? decode(value) : "";
	}

	private static String decode(String value) {
		return UriUtils.decode(value, StandardCharsets.UTF_8);
	}

	private static String unquote(String value) {
		return (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\""))
				? value.substring(1, value.length() - 1) : value;
	}

}
