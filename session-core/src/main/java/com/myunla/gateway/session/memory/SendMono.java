package com.myunla.gateway.session.memory;

import com.myunla.gateway.session.Message;
import org.jspecify.annotations.Nullable;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

/**
 * The {@code Mono} of a send: on each subscription it appends the message and completes,
 * or signals the error. Sending is the hot path, so this is one small object and nothing
 * is allocated on subscription.
 */
final class SendMono extends Mono<Void> {

	private final MemoryStore store;

	/** The session, or {@code null} to look it up by {@link #id} on subscription. */
	private final @Nullable MemoryConnection connection;

	private final @Nullable String id;

	private final @Nullable Message message;

	private SendMono(MemoryStore store, @Nullable MemoryConnection connection, @Nullable String id,
			@Nullable Message message) {
		this.store = store;
		this.connection = connection;
		this.id = id;
		this.message = message;
	}

	static Mono<Void> create(MemoryConnection connection, @Nullable Message message) {
		return onAssembly(new SendMono(connection.store(), connection, null, message));
	}

	static Mono<Void> create(MemoryStore store, @Nullable String id, @Nullable Message message) {
		return onAssembly(new SendMono(store, null, id, message));
	}

	@Override
	public void subscribe(CoreSubscriber<? super Void> actual) {
		try {
			MemoryConnection target = (this.connection != null) ? this.connection : this.store.find(this.id);
			target.append(this.message);
			this.store.statistics.onSent();
		}
		catch (RuntimeException ex) {
			Operators.error(actual, ex);
			return;
		}
		Operators.complete(actual);
	}

}
