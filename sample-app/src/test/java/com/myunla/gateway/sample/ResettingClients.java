package com.myunla.gateway.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Clients that go away the hard way: each opens a stream with a raw HTTP request and then
 * resets its TCP connection (a linger of zero turns the close into an RST), as a client
 * or a load balancer that aborts does.
 */
final class ResettingClients implements AutoCloseable {

	private static final Pattern SESSION_ID = Pattern.compile("sessionId=([^\\s&]+)\\n");

	private final List<Socket> sockets = new ArrayList<>();

	/**
	 * Opens the given number of connections and sends each a {@code GET} for the path.
	 */
	ResettingClients(int port, String path, int count) {
		byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		try {
			for (int i = 0; i < count; i++) {
				Socket socket = new Socket("localhost", port);
				this.sockets.add(socket);
				socket.setSoLinger(true, 0);
				socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
				OutputStream out = socket.getOutputStream();
				out.write(request);
				out.flush();
			}
		}
		catch (IOException ex) {
			close();
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Reads each connection's response up to its {@code endpoint} event and returns the
	 * session ids the events name.
	 */
	List<String> awaitEndpoints() {
		List<String> ids = new ArrayList<>();
		for (Socket socket : this.sockets) {
			ids.add(endpointSessionId(socket));
		}
		return ids;
	}

	private static String endpointSessionId(Socket socket) {
		try {
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream response = new ByteArrayOutputStream();
			byte[] chunk = new byte[4096];
			int read;
			while ((read = in.read(chunk)) != -1) {
				response.write(chunk, 0, read);
				Matcher matcher = SESSION_ID.matcher(response.toString(StandardCharsets.UTF_8));
				if (matcher.find()) {
					return matcher.group(1);
				}
			}
			throw new IllegalStateException("Response ended before its endpoint event: " + response);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Resets every connection.
	 */
	@Override
	public void close() {
		for (Socket socket : this.sockets) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// a socket that cannot close has gone already
			}
		}
	}

}
