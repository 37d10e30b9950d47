package com.myunla.gateway.session.autoconfigure;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * Settings of the web support: event streams and error answers of WebFlux and Spring MVC
 * applications.
 */
public class SessionWebProperties {

	/**
	 * Interval between keep-alive comments on an open event stream, and between pings on
	 * a session's idle WebSocket, so that proxies do not close them while idle.
	 */
	private Duration keepAlive = Duration.ofSeconds(15);

	/**
	 * Retry-After of the 503 answer given while the store's backend cannot be reached.
	 */
	private Duration retryAfter = Duration.ofSeconds(5);

	/**
	 * Returns the interval between keep-alive comments.
	 * @return the keep-alive interval
	 */
	public Duration getKeepAlive() {
		return this.keepAlive;
	}

	/**
	 * Sets the interval between keep-alive comments.
	 * @param keepAlive the keep-alive interval; positive
	 */
	public void setKeepAlive(Duration keepAlive) {
		Assert.notNull(keepAlive, "session.web.keep-alive must not be null");
		Assert.isTrue(!keepAlive.isNegative() && !keepAlive.isZero(),
				() -> "session.web.keep-alive must be positive, was " + keepAlive);
		this.keepAlive = keepAlive;
	}

	/**
	 * Returns the Retry-After of a 503 answer.
	 * @return the time a client should wait before retrying
	 */
	public Duration getRetryAfter() {
		return this.retryAfter;
	}

	/**
	 * Sets the Retry-After of a 503 answer, sent in whole seconds.
	 * @param retryAfter the time a client should wait before retrying; at least one
	 * second
	 */
	public void setRetryAfter(Duration retryAfter) {
		Assert.notNull(retryAfter, "session.web.retry-after must not be null");
		Assert.isTrue(retryAfter.getSeconds() >= 1,
				() -> "session.web.retry-after must be at least 1s, was " + retryAfter);
		this.retryAfter = retryAfter;
	}

}
