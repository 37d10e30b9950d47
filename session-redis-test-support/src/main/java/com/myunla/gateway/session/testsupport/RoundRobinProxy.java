package com.myunla.gateway.session.testsupport;

import java.net.ConnectException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.ConnectionProvider;

/**
 * A streaming reverse proxy on a free loopback port that sends each request to the next
 * backend in turn, as a load balancer without sticky sessions does, for tests and demos
 * of several instances.
 *
 * <p>
 * Every header passes both ways unchanged ({@code Host}, {@code Last-Event-ID},
 * {@code Mcp-Session-Id}, ...), except the hop-by-hop headers of RFC 9110 (for example
 * {@code Connection} and {@code Transfer-Encoding}), which belong to each connection.
 * Responses stream through unbuffered: each chunk is flushed to the client as soon as the
 * backend sends it, so server-sent events arrive one by one. Request bodies are read
 * whole before they are forwarded; that keeps a request intact when its backend refuses
 * the connection, in which case the proxy tries the next backend (as nginx's default
 * {@code proxy_next_upstream error} does). It answers {@code 502} when every backend
 * refuses, or when its backend fails before answering. Each request opens a new
 * connection to its backend, so {@link #cutStreams()} reaches the backends too.
 *
 * <p>
 * The proxy runs on event loops of its own (see {@code ProxyConnections}). Its methods
 * are thread-safe.
 */
public final class RoundRobinProxy implements AutoCloseable {

	/**
	 * Headers that describe one connection, not the message (RFC 9110, section 7.6.1).
	 */
	private static final List<String> HOP_BY_HOP = List.of("connection", "keep-alive", "proxy-connection",
			"transfer-encoding", "te", "trailer", "upgrade", "proxy-authenticate", "proxy-authorization");

	private final List<URI> backends;

	private final AtomicLong next = new AtomicLong();

	private final AtomicLongArray requests;

	private final AtomicInteger openStreams = new AtomicInteger();

	private final ProxyConnections connections = new ProxyConnections("round-robin-proxy");

	private final HttpClient client;

	private final DisposableServer server;

	private RoundRobinProxy(List<URI> backends) {
		this.backends = List.copyOf(backends);
		this.requests = new AtomicLongArray(this.backends.size());
		this.client = HttpClient.create(ConnectionProvider.newConnection())
			.runOn(this.connections.loops())
			.doOnConnected(this.connections::track);
		this.server = this.connections.bind(HttpServer.create().handle(this::proxy));
	}

	/**
	 * Starts a proxy in front of the given backends.
	 * @param backends the base URIs of the backends ({@code http://host:port}), in the
	 * order requests go to them
	 * @return the running proxy
	 * @throws IllegalArgumentException if there is no backend
	 */
	public static RoundRobinProxy start(List<URI> backends) {
		if (backends.isEmpty()) {
			throw new IllegalArgumentException("At least one backend is required");
		}
		return new RoundRobinProxy(backends);
	}

	/**
	 * Returns the base URI clients use.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public URI uri() {
		return URI.create("http://" + ProxyConnections.LOOPBACK + ":" + this.server.port());
	}

	/**
	 * Returns how many requests were sent to a backend so far, counting attempts the
	 * backend refused.
	 * @param backend the index of the backend in the list given to {@link #start(List)}
	 * @return the number of requests
	 */
	public long requests(int backend) {
		return this.requests.get(backend);
	}

	/**
	 * Returns how many responses are streaming through now: their status line arrived
	 * from a backend and their body has not ended yet.
	 * @return the number of open responses
	 */
	public int openStreams() {
		return this.openStreams.get();
	}

	/**
	 * Closes every open connection, to the clients and to the backends, as a restart of a
	 * load balancer does: streaming responses end without their last chunk, and clients
	 * have to reconnect. The proxy keeps accepting new connections.
	 */
	public void cutStreams() {
		this.connections.disposeAll();
	}

	/**
	 * Stops accepting connections, closes the open ones and releases the proxy's threads.
	 */
	@Override
	public void close() {
		this.connections.close(this.server);
	}

	private Publisher<Void> proxy(HttpServerRequest request, HttpServerResponse response) {
		int first = (int) (this.next.getAndIncrement() % this.backends.size());
		return request.receive()
			.aggregate()
			.asByteArray()
			.defaultIfEmpty(new byte[0])
			.flatMap((body) -> forward(request, body, response, first, 0))
			.onErrorResume((ex) -> {
				if (response.hasSentHeaders()) {
					response.withConnection(Connection::dispose);
					return Mono.empty();
				}
				return response.status(HttpResponseStatus.BAD_GATEWAY).send().then();
			});
	}

	private Mono<Void> forward(HttpServerRequest request, byte[] body, HttpServerResponse response, int backend,
			int attempt) {
		this.requests.incrementAndGet(backend);
		URI target = this.backends.get(backend).resolve(request.uri());
		HttpClient.ResponseReceiver<?> receiver = this.client
			.headers((headers) -> copy(request.requestHeaders(), headers, body))
			.request(request.method())
			.uri(target)
			.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)));
		return receiver.response((backendResponse, backendBody) -> {
			response.status(backendResponse.status());
			copyHeaders(backendResponse.responseHeaders(), response.responseHeaders());
			this.openStreams.incrementAndGet();
			// The predicate flushes after every chunk: nothing waits in a buffer for more
			// data to come.
			return response.send(backendBody.retain(), (chunk) -> true)
				.then()
				// A backend that went away mid-response: close the client's connection
				// without a last chunk, so that the client sees the break as it would
				// behind a real load balancer
				.onErrorResume((ex) -> {
					response.withConnection(Connection::dispose);
					return Mono.empty();
				})
				.doFinally((signal) -> this.openStreams.decrementAndGet());
		}).then().onErrorResume(ConnectException.class, (ex) -> {
			if (attempt + 1 >= this.backends.size()) {
				return Mono.error(ex);
			}
			return forward(request, body, response, (backend + 1) % this.backends.size(), attempt + 1);
		});
	}

	private static void copy(HttpHeaders from, HttpHeaders to, byte[] body) {
		copyHeaders(from, to);
		to.remove(HttpHeaderNames.CONTENT_LENGTH);
		if (body.length > 0 || from.contains(HttpHeaderNames.CONTENT_LENGTH)) {
			to.set(HttpHeaderNames.CONTENT_LENGTH, body.length);
		}
	}

	private static void copyHeaders(HttpHeaders from, HttpHeaders to) {
		from.forEach((header) -> {
			if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
				to.add(header.getKey(), header.getValue());
			}
		});
	}

}
