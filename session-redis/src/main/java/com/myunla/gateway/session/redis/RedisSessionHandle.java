package com.myunla.gateway.session.redis;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A handle on a session of a {@link RedisStore}. It holds only the metadata and the token
 * of the session's registration; every operation goes to Redis, so handles on the same
 * session from any instance behave alike, and the scripts check the token, so that a
 * handle never reaches a later registration under the same id.
 */
final class RedisSessionHandle implements Connection {

	private final RedisSessions sessions;

	private final Meta meta;

	private final String registration;

	private final @Nullable String owner;

	/**
	 * Creates a handle bound to no registration in particular: it reaches whichever
	 * session has the id.
	 */
	RedisSessionHandle(RedisSessions sessions, Meta meta) {
		this(sessions, meta, "");
	}

	/**
	 * Creates a handle on one registration of a session ({@code ""} for whichever).
	 */
	RedisSessionHandle(RedisSessions sessions, Meta meta, String registration) {
		this(sessions, meta, registration, null);
	}

	/**
	 * Creates a handle as a listing reads it, with the instance owning the session's live
	 * stream then.
	 */
	RedisSessionHandle(RedisSessions sessions, Meta meta, String registration, @Nullable String owner) {
		this.sessions = sessions;
		this.meta = meta;
		this.registration = registration;
		this.owner = owner;
	}

	/**
	 * Returns the instance that owned the session's live stream when this handle was
	 * listed, if known.
	 */
	@Nullable String owner() {
		return this.owner;
	}

	@Override
	public Meta meta() {
		return this.meta;
	}

	@Override
	public Mono<Void> send(Message message) {
		return this.sessions.sendWhenRunning(this.meta.id(), this.registration, message);
	}

	@Override
	public Flux<Delivery> events() {
		return this.sessions.events(this.meta.id(), this.registration, null);
	}

	@Override
	public Flux<Delivery> events(@Nullable String lastEventId) {
		return this.sessions.events(this.meta.id(), this.registration, lastEventId);
	}

	@Override
	public Mono<Void> close() {
		return this.sessions.unregisterWhenRunning(this.meta.id(), this.registration);
	}

	@Override
	public String toString() {
		return "RedisSessionHandle[" + this.meta.id() + "]";
	}

}
