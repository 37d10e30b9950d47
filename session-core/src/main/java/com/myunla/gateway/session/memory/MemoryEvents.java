package com.myunla.gateway.session.memory;

import com.myunla.gateway.session.Delivery;
import org.jspecify.annotations.Nullable;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;

/**
 * The stream of a memory session, from {@link MemoryConnection#events(String)}: each
 * subscription opens a {@link MemoryStream}.
 */
final class MemoryEvents extends Flux<Delivery> {

	private final MemoryConnection connection;

	private final @Nullable String lastEventId;

	private MemoryEvents(MemoryConnection connection, @Nullable String lastEventId) {
		this.connection = connection;
		this.lastEventId = lastEventId;
	}

	static Flux<Delivery> create(MemoryConnection connection, @Nullable String lastEventId) {
		return onAssembly(new MemoryEvents(connection, lastEventId));
	}

	@Override
	public void subscribe(CoreSubscriber<? super Delivery> actual) {
		long last;
		try {
			this.connection.store().checkOpen();
			last = (this.lastEventId != null) ? MemoryIds.parse(this.lastEventId) : -1;
		}
		catch (RuntimeException ex) {
			Operators.error(actual, ex);
			return;
		}
		MemoryStream stream = new MemoryStream(this.connection, actual);
		actual.onSubscribe(stream);
		this.connection.open(stream, last);
	}

}
