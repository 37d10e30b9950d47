package com.myunla.gateway.session.redis;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A handle on a session of a {@link RedisStore}. It holds only the metadata; every operation goes to Redis,
 * so handles on the same session from any instance behave alike.
 */
final class RedisSessionConnection implements Connection {

	private final RedisStore store;

	private final Meta meta;

	private final @Nullable String owner;

	RedisSessionConnection(RedisStore store, Meta meta) {
		this(store, meta, null);
	}

	RedisSessionConnection(RedisStore store, Meta meta, @Nullable String owner) {
		this.store = store;
		this.meta = meta;
		this.owner = owner;
	}

	/**
	 * Returns the instance that owned the session's live stream when this handle was listed, if known.
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
		return this.store.send(this.meta.id(), message);
	}

	@Override
	public Flux<Delivery> events() {
		return this.store.events(this.meta.id(), null);
	}

	@Override
	public Flux<Delivery> events(@Nullable String lastEventId) {
		return this.store.events(this.meta.id(), lastEventId);
	}

	@Override
	public Mono<Void> close() {
		return this.store.unregister(this.meta.id());
	}

	@Override
	public String toString() {
		return "RedisSessionConnection[" + this.meta.id() + "]";
	}

}
