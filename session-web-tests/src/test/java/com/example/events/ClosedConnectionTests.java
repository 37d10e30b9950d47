package com.example.events;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.RequestInfo;
import com.myunla.gateway.session.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client of a WebFlux application that closes its connection while still sending a
 * request body: the request ends without a logged server error or stack trace.
 */
@SpringBootTest(classes = EventsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive",
				"logging.level.com.myunla.gateway.session.web.ClosedConnectionWebFilter=debug" })
@ExtendWith(OutputCaptureExtension.class)
class ClosedConnectionTests {

	private static final String CLOSED = "Connection closed before the request was read";

	@LocalServerPort
	private int port;

	@Autowired
	private Store store;

	@Test
	void clientClosingTheConnectionMidRequestIsNoServerError(CapturedOutput output) throws Exception {
		String id = UUID.randomUUID().toString();
		this.store.register(Meta.of(id, "", "sse", RequestInfo.empty())).block(Duration.ofSeconds(10));
		try (Socket socket = new Socket("localhost", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("POST /sessions/" + id + "/messages HTTP/1.1\r\nHost: localhost\r\n"
					+ "Content-Type: text/plain\r\nContent-Length: 100000\r\n\r\npartial")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
		}
		// the filter says so at debug level; without it, WebFlux logs a 500 Server Error
		// with a stack trace
		await().atMost(Duration.ofSeconds(10))
			.until(() -> output.getAll().contains(CLOSED) || output.getAll().contains(" ERROR "));
		assertThat(output.getAll()).contains(CLOSED).doesNotContain(" ERROR ").doesNotContain("\tat ");
	}

}
