package com.myunla.gateway.session.autoconfigure;

import java.time.Duration;

/**
 * Settings of the in-memory store.
 */
public class SessionMemoryProperties {

	/**
	 * Time after which a session without activity expires.
	 */
	private Duration ttl = Duration.ofHours(24);

	/**
	 * Returns the time after which an idle session expires.
	 * @return the time-to-live
	 */
	public Duration getTtl() {
		return this.ttl;
	}

	/**
	 * Sets the time after which an idle session expires.
	 * @param ttl the time-to-live; positive
	 */
	public void setTtl(Duration ttl) {
		this.ttl = SessionProperties.positive(ttl, "session.memory.ttl");
	}

}
