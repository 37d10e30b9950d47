package com.myunla.gateway.session;

import java.util.Map;

/**
 * The HTTP request that opened a session: its headers, query parameters and cookies, each
 * a map of name to value, as the gateway saw them.
 *
 * <p>
 * The maps are copied on construction and unmodifiable. They can hold secrets:
 * {@link #toString()} and {@link #redacted()} hide the values that the
 * {@linkplain Redaction#defaults() default redaction} names (credential headers such as
 * {@code Authorization} and {@code X-Api-Key}, token query parameters such as
 * {@code token} and {@code access_token}, and every cookie);
 * {@link Redaction#apply(RequestInfo)} hides the names an application configures.
 *
 * @param headers request headers by name
 * @param queries query parameters by name
 * @param cookies cookies by name
 */
public record RequestInfo(Map<String, String> headers, Map<String, String> queries, Map<String, String> cookies) {

	/** Replacement for a secret value in {@link #redacted()}. */
	public static final String REDACTED = Redaction.REDACTED;

	private static final RequestInfo EMPTY = new RequestInfo(Map.of(), Map.of(), Map.of());

	/**
	 * Creates request information.
	 * @param headers request headers by name
	 * @param queries query parameters by name
	 * @param cookies cookies by name
	 * @throws IllegalArgumentException if a map, or a name or value in it, is
	 * {@code null}
	 */
	public RequestInfo {
		headers = copy(headers, "headers");
		queries = copy(queries, "queries");
		cookies = copy(cookies, "cookies");
	}

	/**
	 * Returns request information with no headers, queries or cookies.
	 * @return the empty request information
	 */
	public static RequestInfo empty() {
		return EMPTY;
	}

	/**
	 * Returns a copy safe to log or show: the values the {@linkplain Redaction#defaults()
	 * default redaction} names replaced by {@value #REDACTED}.
	 * @return the redacted copy
	 */
	public RequestInfo redacted() {
		return Redaction.defaults().apply(this);
	}

	@Override
	public String toString() {
		RequestInfo safe = redacted();
		return "RequestInfo[headers=" + safe.headers + ", queries=" + safe.queries + ", cookies=" + safe.cookies + "]";
	}

	private static Map<String, String> copy(Map<String, String> map, String what) {
		if (map == null) {
			throw new IllegalArgumentException("Request " + what + " must not be null (use an empty map)");
		}
		if (map.isEmpty()) {
			return Map.of();
		}
		for (Map.Entry<String, String> entry : map.entrySet()) {
			if (entry.getKey() == null || entry.getValue() == null) {
				throw new IllegalArgumentException("Request " + what + " must not hold null names or values");
			}
		}
		return Map.copyOf(map);
	}

}
