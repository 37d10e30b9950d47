package com.example.events;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.fail;

/**
 * A server-sent event stream read from the raw bytes of a response, split on LF only, so
 * that a test sees the framing exactly as a browser would receive it. A reader thread
 * hands the events over; the test takes them with a deadline.
 */
final class EventStream implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final List<String> END = List.of();

	private final InputStream body;

	private final BlockingQueue<List<String>> events = new LinkedBlockingQueue<>();

	EventStream(InputStream body) {
		this.body = new BufferedInputStream(body);
		Thread reader = new Thread(this::read, "event-stream-reader");
		reader.setDaemon(true);
		reader.start();
	}

	private void read() {
		List<String> lines = new ArrayList<>();
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		try {
			int b;
			while ((b = this.body.read()) != -1) {
				if (b != '\n') {
					line.write(b);
					continue;
				}
				String text = line.toString(StandardCharsets.UTF_8);
				line.reset();
				if (!text.isEmpty()) {
					lines.add(text);
				}
				else if (!lines.isEmpty()) {
					this.events.add(List.copyOf(lines));
					lines.clear();
				}
			}
		}
		catch (IOException ex) {
			// closed by the test
		}
		this.events.add(END);
	}

	/**
	 * Returns the lines of the next event that is not only a comment.
	 */
	List<String> next() {
		while (true) {
			List<String> event = take();
			if (event == END) {
				fail("Stream ended while an event was expected");
			}
			if (!event.stream().allMatch((line) -> line.startsWith(":"))) {
				return event;
			}
		}
	}

	/**
	 * Returns the lines of the next event that is not only a comment, or {@code null}
	 * once the stream ended.
	 */
	@Nullable List<String> nextOrEnd() {
		while (true) {
			List<String> event = take();
			if (event == END) {
				return null;
			}
			if (!event.stream().allMatch((line) -> line.startsWith(":"))) {
				return event;
			}
		}
	}

	/**
	 * Returns the lines of the next event, comments included.
	 */
	List<String> nextIncludingComments() {
		List<String> event = take();
		if (event == END) {
			fail("Stream ended while an event was expected");
		}
		return event;
	}

	/**
	 * Waits for the server to end the stream; only comments may come before.
	 */
	void awaitEnd() {
		while (true) {
			List<String> event = take();
			if (event == END) {
				return;
			}
			if (!event.stream().allMatch((line) -> line.startsWith(":"))) {
				fail("Event before the end of the stream: " + event);
			}
		}
	}

	private List<String> take() {
		try {
			@Nullable List<String> event = this.events.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			if (event == null) {
				fail("Nothing arrived on the stream within " + TIMEOUT);
			}
			return event;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	@Override
	public void close() throws IOException {
		this.body.close();
	}

}
