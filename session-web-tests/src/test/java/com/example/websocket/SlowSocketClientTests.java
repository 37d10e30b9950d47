package com.example.websocket;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.RequestInfo;
import com.myunla.gateway.session.Store;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebSocket client that does not read, in both stacks: back-pressure reaches the store,
 * whose buffer fills while the senders go on, and the socket closes as a slow consumer
 * after the frames that reached the client; the client resumes after the last id it got,
 * without a loss.
 */
class SlowSocketClientTests {

	// 48MB: more than the socket buffers of both ends and the JDK client's own hold for
	// a client that does not read, so its stream must fall behind
	private static final int MESSAGES = 3000;

	private static final String PADDING = "x".repeat(16 * 1024);

	private static final Pattern MESSAGE = Pattern
		.compile("\\{\"id\":\"(\\d+)\",\"event\":\"message\",\"data\":\"(\\d+):x+\"}");

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = { "REACTIVE", "SERVLET" })
	void socketOfAClientThatDoesNotReadClosesAsSlowConsumerAndResumes(WebApplicationType type) throws Exception {
		Class<?> sockets = (type == WebApplicationType.REACTIVE) ? ReactiveSocketConfiguration.class
				: ServletSocketConfiguration.class;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WebSocketApplication.class, sockets)
			.web(type)
			.run("--server.port=0", "--session.buffer-size=4", "--session.retention=" + MESSAGES,
					"--session.retention-bytes=64MB")) {
			Store store = context.getBean(Store.class);
			String id = UUID.randomUUID().toString();
			store.register(Meta.of(id, "", "websocket", RequestInfo.empty())).block();
			HttpClient client = HttpClient.newHttpClient();
			int received = 0;
			try (SocketClient socket = SocketClient.connectPaused(client, uri(context, id, null))) {
				for (int i = 1; i <= MESSAGES; i++) {
					store.send(id, Message.of(i + ":" + PADDING)).block(Duration.ofSeconds(10));
				}
				socket.resume();
				String frame;
				while ((frame = socket.poll(Duration.ofSeconds(2))) != null) {
					Matcher message = message(frame);
					received++;
					assertThat(message.group(1)).isEqualTo(Integer.toString(received));
				}
				assertThat(socket.closeStatus()).isEqualTo("4429 Slow consumer");
			}
			assertThat(received).isLessThan(MESSAGES);
			try (SocketClient socket = SocketClient.connect(client, uri(context, id, Integer.toString(received)),
					Map.of())) {
				assertThat(message(socket.next()).group(2)).isEqualTo(Integer.toString(received + 1));
			}
		}
	}

	private static Matcher message(String frame) {
		Matcher matcher = MESSAGE.matcher(frame);
		assertThat(matcher.matches()).as("a message frame: %.80s", frame).isTrue();
		return matcher;
	}

	private static URI uri(ConfigurableApplicationContext context, String id, String lastEventId) {
		return URI.create("ws://localhost:" + context.getEnvironment().getProperty("local.server.port")
				+ "/sessions/socket?sessionId=" + id + ((lastEventId != null) ? "&lastEventId=" + lastEventId : ""));
	}

}
