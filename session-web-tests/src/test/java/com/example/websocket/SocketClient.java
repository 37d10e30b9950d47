package com.example.websocket;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebSocket client on the JDK's {@link WebSocket}: the text frames it received, in
 * order, and the close status the server sent.
 */
final class SocketClient implements WebSocket.Listener, AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

	private final CompletableFuture<String> closed = new CompletableFuture<>();

	private final StringBuilder partial = new StringBuilder();

	private final WebSocket socket;

	private volatile boolean paused;

	private SocketClient(HttpClient client, URI uri, Map<String, String> headers, boolean paused) {
		this.paused = paused;
		WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(TIMEOUT);
		headers.forEach(builder::header);
		this.socket = builder.buildAsync(uri, this).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
	}

	static SocketClient connect(HttpClient client, URI uri, Map<String, String> headers) {
		return new SocketClient(client, uri, headers, false);
	}

	/**
	 * Connects a client that reads one frame and then nothing until {@link #resume()}.
	 * @param client the HTTP client
	 * @param uri the socket's URI
	 * @return the client
	 */
	static SocketClient connectPaused(HttpClient client, URI uri) {
		return new SocketClient(client, uri, Map.of(), true);
	}

	/**
	 * Has a paused client read again.
	 */
	void resume() {
		this.paused = false;
		this.socket.request(1);
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (last) {
			this.frames.add(this.partial.toString());
			this.partial.setLength(0);
			if (this.paused) {
				return null;
			}
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closed.complete(statusCode + " " + reason);
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.closed.completeExceptionally(error);
	}

	/**
	 * Returns the next text frame, waiting for it for a while.
	 * @return the frame
	 * @throws InterruptedException if interrupted while waiting
	 */
	String next() throws InterruptedException {
		return next(TIMEOUT);
	}

	/**
	 * Returns the next text frame, waiting for it for the given time at most.
	 * @param timeout how long to wait
	 * @return the frame, or {@code null} if none came
	 * @throws InterruptedException if interrupted while waiting
	 */
	String poll(Duration timeout) throws InterruptedException {
		return this.frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	private String next(Duration timeout) throws InterruptedException {
		String frame = poll(timeout);
		assertThat(frame).as("a frame within %s", timeout).isNotNull();
		return frame;
	}

	/**
	 * Sends a text frame.
	 * @param text the text
	 */
	void send(String text) {
		this.socket.sendText(text, true).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
	}

	/**
	 * Waits for the server's close and returns its code and reason.
	 * @return the code, a space and the reason
	 */
	String closeStatus() {
		return this.closed.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
	}

	@Override
	public void close() {
		// The client answers a close of the server's by itself, perhaps just now
		if (!this.closed.isDone()) {
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "")
				.exceptionally((ex) -> (this.socket.isOutputClosed()) ? this.socket : null)
				.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
				.join();
		}
	}

}
