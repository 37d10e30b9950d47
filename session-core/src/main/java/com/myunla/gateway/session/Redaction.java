package com.myunla.gateway.session;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.util.Assert;

/**
 * Which parts of a {@link RequestInfo} are secrets: header, query parameter and cookie
 * names (compared ignoring case) whose values are replaced by {@value #REDACTED} wherever
 * a request is shown, logged or, by default, stored. The name {@value #ALL} stands for
 * every name of its kind.
 *
 * <p>
 * The {@linkplain #defaults() defaults} cover the usual carriers of credentials: the
 * headers {@link #DEFAULT_HEADERS}, the query parameters {@link #DEFAULT_QUERIES} and
 * every cookie.
 *
 * <p>
 * Immutable and thread-safe.
 */
public final class Redaction {

	/** Replacement for a secret value. */
	public static final String REDACTED = "[redacted]";

	/** Name that stands for every header, query parameter or cookie. */
	public static final String ALL = "*";

	/** Headers redacted by default. */
	public static final List<String> DEFAULT_HEADERS = List.of("Authorization", "Proxy-Authorization", "Cookie",
			"Set-Cookie", "X-Api-Key", "X-Auth-Token", "X-Access-Token", "X-Csrf-Token", "X-Xsrf-Token");

	/** Query parameters redacted by default. */
	public static final List<String> DEFAULT_QUERIES = List.of("token", "access_token", "refresh_token", "id_token",
			"api_key", "apikey", "key", "secret", "client_secret", "password", "auth", "signature", "sig", "code");

	/** Cookies redacted by default: all of them. */
	public static final List<String> DEFAULT_COOKIES = List.of(ALL);

	private static final Redaction DEFAULTS = of(DEFAULT_HEADERS, DEFAULT_QUERIES, DEFAULT_COOKIES);

	private static final Redaction NONE = of(List.of(), List.of(), List.of());

	private final Set<String> headers;

	private final Set<String> queries;

	private final Set<String> cookies;

	private Redaction(Set<String> headers, Set<String> queries, Set<String> cookies) {
		this.headers = headers;
		this.queries = queries;
		this.cookies = cookies;
	}

	/**
	 * Returns the default redaction.
	 * @return the redaction of {@link #DEFAULT_HEADERS}, {@link #DEFAULT_QUERIES} and
	 * every cookie
	 */
	public static Redaction defaults() {
		return DEFAULTS;
	}

	/**
	 * Returns a redaction that hides nothing.
	 * @return the empty redaction
	 */
	public static Redaction none() {
		return NONE;
	}

	/**
	 * Creates a redaction of the given names.
	 * @param headers header names whose values are secret ({@value #ALL} for every
	 * header)
	 * @param queries query parameter names whose values are secret ({@value #ALL} for
	 * every parameter)
	 * @param cookies cookie names whose values are secret ({@value #ALL} for every
	 * cookie)
	 * @return the redaction
	 * @throws IllegalArgumentException if a collection or a name in it is {@code null}
	 */
	public static Redaction of(Collection<String> headers, Collection<String> queries, Collection<String> cookies) {
		return new Redaction(names(headers, "headers"), names(queries, "queries"), names(cookies, "cookies"));
	}

	/**
	 * Returns whether a header's value is secret.
	 * @param name the header name
	 * @return whether its value is redacted
	 */
	public boolean isSecretHeader(String name) {
		return matches(this.headers, name);
	}

	/**
	 * Returns whether a query parameter's value is secret.
	 * @param name the parameter name
	 * @return whether its value is redacted
	 */
	public boolean isSecretQuery(String name) {
		return matches(this.queries, name);
	}

	/**
	 * Returns whether a cookie's value is secret.
	 * @param name the cookie name
	 * @return whether its value is redacted
	 */
	public boolean isSecretCookie(String name) {
		return matches(this.cookies, name);
	}

	/**
	 * Returns a copy of the request with every secret value replaced by
	 * {@value #REDACTED}; names are kept.
	 * @param request the request
	 * @return the redacted copy
	 */
	public RequestInfo apply(RequestInfo request) {
		Assert.notNull(request, "Request must not be null");
		return new RequestInfo(redact(request.headers(), this.headers), redact(request.queries(), this.queries),
				redact(request.cookies(), this.cookies));
	}

	/**
	 * Returns a copy of the session metadata whose request is
	 * {@linkplain #apply(RequestInfo) redacted}.
	 * @param meta the metadata
	 * @return the redacted copy, or {@code meta} itself if nothing in it is secret
	 */
	public Meta apply(Meta meta) {
		Assert.notNull(meta, "Meta must not be null");
		RequestInfo redacted = apply(meta.request());
		return redacted.equals(meta.request()) ? meta
				: new Meta(meta.id(), meta.createdAt(), meta.prefix(), meta.type(), redacted, meta.extra());
	}

	@Override
	public String toString() {
		return "Redaction[headers=" + this.headers + ", queries=" + this.queries + ", cookies=" + this.cookies + "]";
	}

	private static Map<String, String> redact(Map<String, String> values, Set<String> secret) {
		if (secret.isEmpty() || values.isEmpty()) {
			return values;
		}
		Map<String, String> redacted = new LinkedHashMap<>();
		values.forEach((name, value) -> redacted.put(name, matches(secret, name) ? REDACTED : value));
		return redacted;
	}

	private static boolean matches(Set<String> secret, String name) {
		return secret.contains(ALL) || secret.contains(name.toLowerCase(Locale.ROOT));
	}

	private static Set<String> names(Collection<String> names, String what) {
		Assert.isTrue(names != null && names.stream().allMatch((name) -> name != null),
				() -> "Redacted " + what + " must not be null or hold null names");
		return names.stream()
			.map(String::trim)
			.filter((name) -> !name.isEmpty())
			.map((name) -> name.toLowerCase(Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet());
	}

}
