package com.myunla.gateway.session.autoconfigure;

import java.util.ArrayList;
import java.util.List;

/**
 * Which values of the request that opened a session are secrets. Their values are
 * replaced by {@code [redacted]} wherever the request is shown or logged, and the Redis
 * store does not keep them unless {@code store-in-clear} is set. Names are compared
 * ignoring case; {@code *} stands for every name.
 */
public class SessionRedactionProperties {

	/**
	 * Header names whose values are secret.
	 */
	private List<String> headers = new ArrayList<>(com.myunla.gateway.session.Redaction.DEFAULT_HEADERS);

	/**
	 * Query parameter names whose values are secret.
	 */
	private List<String> queries = new ArrayList<>(com.myunla.gateway.session.Redaction.DEFAULT_QUERIES);

	/**
	 * Cookie names whose values are secret.
	 */
	private List<String> cookies = new ArrayList<>(com.myunla.gateway.session.Redaction.DEFAULT_COOKIES);

	/**
	 * Whether the Redis store keeps secret values in clear, so that any instance can read
	 * them (for example to forward the client's credentials upstream); they then sit in
	 * Redis, its replicas and its persistence files for the session's ttl.
	 */
	private boolean storeInClear;

	/**
	 * Returns the secret header names.
	 * @return the header names
	 */
	public List<String> getHeaders() {
		return this.headers;
	}

	/**
	 * Sets the secret header names.
	 * @param headers the header names
	 */
	public void setHeaders(List<String> headers) {
		this.headers = headers;
	}

	/**
	 * Returns the secret query parameter names.
	 * @return the parameter names
	 */
	public List<String> getQueries() {
		return this.queries;
	}

	/**
	 * Sets the secret query parameter names.
	 * @param queries the parameter names
	 */
	public void setQueries(List<String> queries) {
		this.queries = queries;
	}

	/**
	 * Returns the secret cookie names.
	 * @return the cookie names
	 */
	public List<String> getCookies() {
		return this.cookies;
	}

	/**
	 * Sets the secret cookie names.
	 * @param cookies the cookie names
	 */
	public void setCookies(List<String> cookies) {
		this.cookies = cookies;
	}

	/**
	 * Returns whether the Redis store keeps secret values in clear.
	 * @return whether secrets are stored in clear
	 */
	public boolean isStoreInClear() {
		return this.storeInClear;
	}

	/**
	 * Sets whether the Redis store keeps secret values in clear.
	 * @param storeInClear whether secrets are stored in clear
	 */
	public void setStoreInClear(boolean storeInClear) {
		this.storeInClear = storeInClear;
	}

}
