package com.myunla.gateway.session.testsupport;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.jspecify.annotations.Nullable;

/**
 * Just enough of a Redis client (RESP2 over a blocking socket, optionally TLS) to
 * administer the processes of this package: it must work while the client library under
 * test is broken, and must not drag that library onto the test classpath. Not
 * thread-safe; one instance per conversation.
 *
 * <p>
 * Replies are {@link String} (simple and bulk strings), {@link Long} (integers),
 * {@link List} (arrays) or {@code null} (nil); error replies throw
 * {@link RedisCommandException}.
 */
final class RespClient implements Closeable {

	private final String address;

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private RespClient(String address, Socket socket) throws IOException {
		this.address = address;
		this.socket = socket;
		this.in = new BufferedInputStream(socket.getInputStream());
		this.out = new BufferedOutputStream(socket.getOutputStream());
	}

	/**
	 * Connects and, when the options hold a password, authenticates.
	 * @param host the host
	 * @param port the port
	 * @param options the credentials to authenticate with
	 * @param tls the socket factory for TLS, or {@code null} for plain TCP
	 * @param timeout the connect timeout and the timeout of every read
	 * @return the connected client
	 * @throws IOException if the connection fails
	 * @throws RedisCommandException if authentication is refused
	 */
	static RespClient connect(String host, int port, RedisOptions options, @Nullable SSLSocketFactory tls,
			Duration timeout) throws IOException {
		Socket socket = new Socket();
		try {
			int millis = Math.toIntExact(Math.max(1, timeout.toMillis()));
			socket.connect(new InetSocketAddress(host, port), millis);
			socket.setSoTimeout(millis);
			socket.setTcpNoDelay(true);
			if (tls != null) {
				socket = startTls(socket, host, port, tls);
			}
			RespClient client = new RespClient(host + ":" + port, socket);
			String password = options.password();
			if (password != null) {
				String username = options.username();
				if (username != null) {
					client.call("AUTH", username, password);
				}
				else {
					client.call("AUTH", password);
				}
			}
			return client;
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
	}

	private static Socket startTls(Socket socket, String host, int port, SSLSocketFactory tls) throws IOException {
		SSLSocket tlsSocket = (SSLSocket) tls.createSocket(socket, host, port, true);
		// Check the host name as client libraries do, so that a certificate they would
		// reject fails here first.
		SSLParameters parameters = tlsSocket.getSSLParameters();
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		tlsSocket.setSSLParameters(parameters);
		tlsSocket.startHandshake();
		return tlsSocket;
	}

	/**
	 * Changes how long a read waits for the next bytes of a reply.
	 * @param timeout the new read timeout
	 * @throws IOException if the socket is closed
	 */
	void readTimeout(Duration timeout) throws IOException {
		this.socket.setSoTimeout(Math.toIntExact(Math.max(1, timeout.toMillis())));
	}

	/**
	 * Sends a command and reads its reply.
	 * @param arguments the command name and its arguments
	 * @return the reply
	 * @throws IOException if the connection fails or times out
	 * @throws RedisCommandException if Redis replies with an error
	 */
	@Nullable Object call(String... arguments) throws IOException {
		this.out.write(header('*', arguments.length));
		for (String argument : arguments) {
			byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
			this.out.write(header('$', bytes.length));
			this.out.write(bytes);
			this.out.write('\r');
			this.out.write('\n');
		}
		this.out.flush();
		return read(arguments[0].toUpperCase(Locale.ROOT));
	}

	/**
	 * Renders a reply as text: nil as the empty string, integers in decimal, arrays (also
	 * nested) one element per line.
	 * @param reply the reply
	 * @return the text
	 */
	static String text(@Nullable Object reply) {
		if (reply == null) {
			return "";
		}
		if (reply instanceof List<?> elements) {
			List<String> lines = new ArrayList<>(elements.size());
			elements.forEach((element) -> lines.add(text(element)));
			return String.join("\n", lines);
		}
		return reply.toString();
	}

	private @Nullable Object read(String command) throws IOException {
		int type = this.in.read();
		if (type == -1) {
			throw new EOFException(
					"Connection to " + this.address + " closed while waiting for the reply to " + command);
		}
		String line = readLine();
		switch (type) {
			case '+':
				return line;
			case '-':
				throw new RedisCommandException(this.address, command, line);
			case ':':
				return Long.parseLong(line);
			case '$':
				return readBulkString(command, Integer.parseInt(line));
			case '*':
				return readArray(command, Integer.parseInt(line));
			default:
				throw new IOException(
						"Unexpected reply from " + this.address + " to " + command + ": " + (char) type + line);
		}
	}

	private @Nullable String readBulkString(String command, int length) throws IOException {
		if (length < 0) {
			return null;
		}
		byte[] bytes = this.in.readNBytes(length);
		if (bytes.length < length || !readLine().isEmpty()) {
			throw new EOFException("Truncated reply from " + this.address + " to " + command);
		}
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private @Nullable List<@Nullable Object> readArray(String command, int count) throws IOException {
		if (count < 0) {
			return null;
		}
		List<@Nullable Object> elements = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			elements.add(read(command));
		}
		return elements;
	}

	private String readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int previous = -1;
		while (true) {
			int next = this.in.read();
			if (next == -1) {
				throw new EOFException("Connection to " + this.address + " closed in the middle of a reply");
			}
			if (previous == '\r' && next == '\n') {
				byte[] bytes = line.toByteArray();
				return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
			}
			line.write(next);
			previous = next;
		}
	}

	private static byte[] header(char type, int count) {
		return (type + Integer.toString(count) + "\r\n").getBytes(StandardCharsets.US_ASCII);
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
