package com.myunla.gateway.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Signal;

import org.springframework.core.ResolvableType;
import org.springframework.core.codec.StringDecoder;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A server-sent event stream read as raw lines, so that tests see the framing itself. The
 * test thread takes events with deadlines; nothing sleeps.
 */
final class SseStream implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final BlockingQueue<Signal<Event>> signals = new LinkedBlockingQueue<>();

	private final Disposable subscription;

	private SseStream(Flux<Event> events) {
		this.subscription = events.materialize().subscribe(this.signals::add);
	}

	/**
	 * Opens a stream and checks that the server answered {@code 200} with
	 * {@code text/event-stream}.
	 */
	static SseStream open(WebClient client, String uri, Consumer<HttpHeaders> headers) {
		Flux<DataBuffer> body = client.get()
			.uri(uri)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.headers(headers)
			.exchangeToFlux((response) -> {
				assertThat(response.statusCode().value()).isEqualTo(200);
				assertThat(response.headers().contentType()).hasValueSatisfying(
						(type) -> assertThat(type.isCompatibleWith(MediaType.TEXT_EVENT_STREAM)).isTrue());
				return response.bodyToFlux(DataBuffer.class);
			});
		Flux<String> lines = StringDecoder.allMimeTypes()
			.decode(body, ResolvableType.forClass(String.class), null, null);
		return new SseStream(lines.bufferUntil(String::isEmpty).map(Event::new));
	}

	/**
	 * Returns the next event that is not a comment.
	 */
	Event next() {
		while (true) {
			Event event = nextItem();
			if (!event.isComment()) {
				return event;
			}
		}
	}

	/**
	 * Returns the next comment, skipping events.
	 */
	Event nextComment() {
		while (true) {
			Event event = nextItem();
			if (event.isComment()) {
				return event;
			}
		}
	}

	/**
	 * Waits for the server to end the stream; only comments may come before the end.
	 */
	void awaitCompletion() {
		while (true) {
			Signal<Event> signal = take();
			if (signal.isOnComplete()) {
				return;
			}
			if (signal.isOnError()) {
				throw new AssertionError("Stream failed instead of completing", signal.getThrowable());
			}
			assertThat(signal.get().isComment()).as("event before the end of the stream: %s", signal.get()).isTrue();
		}
	}

	/**
	 * Returns the next event that is not a comment, or {@code null} if the server ended
	 * the stream.
	 */
	@Nullable Event nextOrEnd() {
		while (true) {
			Signal<Event> signal = take();
			if (signal.isOnComplete()) {
				return null;
			}
			if (signal.isOnError()) {
				throw new AssertionError("Stream failed", signal.getThrowable());
			}
			if (!signal.get().isComment()) {
				return signal.get();
			}
		}
	}

	/**
	 * Returns the events that arrive until the server ends the stream, comments left out.
	 */
	List<Event> eventsUntilCompletion() {
		List<Event> events = new ArrayList<>();
		while (true) {
			Signal<Event> signal = take();
			if (signal.isOnComplete()) {
				return events;
			}
			if (signal.isOnError()) {
				throw new AssertionError("Stream failed instead of completing", signal.getThrowable());
			}
			if (!signal.get().isComment()) {
				events.add(signal.get());
			}
		}
	}

	/**
	 * Waits for the stream to end, by completion or by a broken connection; only comments
	 * may come before.
	 */
	void awaitEnd() {
		while (true) {
			Signal<Event> signal = take();
			if (signal.isOnComplete() || signal.isOnError()) {
				return;
			}
			assertThat(signal.get().isComment()).as("event before the end of the stream: %s", signal.get()).isTrue();
		}
	}

	private Event nextItem() {
		Signal<Event> signal = take();
		if (signal.isOnComplete()) {
			fail("Stream completed while an event was expected");
		}
		if (signal.isOnError()) {
			throw new AssertionError("Stream failed", signal.getThrowable());
		}
		return signal.get();
	}

	private Signal<Event> take() {
		try {
			Signal<Event> signal = this.signals.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			if (signal == null) {
				fail("Nothing arrived on the stream within " + TIMEOUT);
			}
			return signal;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/**
	 * Disconnects, as a client that goes away.
	 */
	@Override
	public void close() {
		this.subscription.dispose();
	}

	/**
	 * One event as it was framed: its lines, without the blank line that ends it.
	 */
	record Event(List<String> lines) {

		Event {
			lines = new ArrayList<>(lines);
			if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
				lines.remove(lines.size() - 1);
			}
			lines = List.copyOf(lines);
		}

		boolean isComment() {
			return !this.lines.isEmpty() && this.lines.stream().allMatch((line) -> line.startsWith(":"));
		}

		/**
		 * Returns the value of a field, or {@code null} if the event has none.
		 */
		@Nullable String field(String name) {
			return this.lines.stream()
				.filter((line) -> line.startsWith(name + ":"))
				.map((line) -> value(line, name))
				.findFirst()
				.orElse(null);
		}

		List<String> dataLines() {
			return this.lines.stream().filter((line) -> line.startsWith("data:")).toList();
		}

		/**
		 * Returns the data as a client assembles it: the data lines joined with LF.
		 */
		String data() {
			return String.join("\n", this.dataLines().stream().map((line) -> value(line, "data")).toList());
		}

		@Nullable String id() {
			return field("id");
		}

		@Nullable String event() {
			return field("event");
		}

		private static String value(String line, String name) {
			String value = line.substring(name.length() + 1);
			return value.startsWith(" ") ? value.substring(1) : value;
		}

	}

}
