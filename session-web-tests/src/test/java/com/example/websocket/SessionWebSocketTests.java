package com.example.websocket;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.RequestInfo;
import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions streamed over WebSocket by two instances of an application on one real Redis,
 * in both stacks, with the JDK's WebSocket client: a socket on one instance gets what is
 * sent on the other, with the ids a reconnect to the other resumes from, and sockets
 * close with a status that says why.
 */
@RequiresRedis
class SessionWebSocketTests {

	private static final Pattern MESSAGE = Pattern
		.compile("\\{\"id\":\"(\\d+-\\d+)\",\"event\":\"message\",\"data\":\"(.*)\"}");

	private static final Map<WebApplicationType, ConfigurableApplicationContext[]> instances = new EnumMap<>(
			WebApplicationType.class);

	private static RedisSingle redis;

	private final HttpClient client = HttpClient.newHttpClient();

	@BeforeAll
	static void startRedis() {
		redis = RedisSingle.start();
	}

	@AfterAll
	static void stop() {
		instances.values().forEach((contexts) -> {
			for (ConfigurableApplicationContext context : contexts) {
				context.close();
			}
		});
		redis.close();
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = { "REACTIVE", "SERVLET" })
	void socketOnOneInstanceGetsWhatIsSentOnTheOtherAndResumesThereFromItsLastId(WebApplicationType type)
			throws Exception {
		ConfigurableApplicationContext[] ab = instances(type);
		String id = register(ab[0]);
		String lastId;
		try (SocketClient a = SocketClient.connect(this.client, socket(ab[0], id, null), Map.of())) {
			send(ab[1], id, "first \"line\"\nsecond");
			Matcher first = message(a.next());
			assertThat(first.group(2)).isEqualTo("first \\\"line\\\"\\nsecond");
			lastId = first.group(1);
			// The application's frame handler sends what the client says to the session
			a.send("hello");
			assertThat(a.next()).matches("\\{\"id\":\"\\d+-\\d+\",\"event\":\"echo\",\"data\":\"hello\"}");
		}
		send(ab[1], id, "m2");
		send(ab[1], id, "m3");
		try (SocketClient b = SocketClient.connect(this.client, socket(ab[1], id, lastId), Map.of())) {
			assertThat(b.next()).contains("\"event\":\"echo\"");
			assertThat(message(b.next()).group(2)).isEqualTo("m2");
			assertThat(message(b.next()).group(2)).isEqualTo("m3");
			// Nothing else was pending: the next frame is the next message
			send(ab[0], id, "m4");
			assertThat(message(b.next()).group(2)).isEqualTo("m4");
		}
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = { "REACTIVE", "SERVLET" })
	void socketTakesTheStreamOverAndResumesFromTheLastEventIdHeader(WebApplicationType type) throws Exception {
		ConfigurableApplicationContext[] ab = instances(type);
		String id = register(ab[0]);
		try (SocketClient a = SocketClient.connect(this.client, socket(ab[0], id, null), Map.of())) {
			send(ab[1], id, "m1");
			String lastId = message(a.next()).group(1);
			send(ab[1], id, "m2");
			a.next();
			try (SocketClient b = SocketClient.connect(this.client, socket(ab[1], id, null),
					Map.of("Last-Event-ID", lastId))) {
				assertThat(a.closeStatus()).isEqualTo("4409 Stream ended");
				assertThat(message(b.next()).group(2)).isEqualTo("m2");
				ab[0].getBean(Store.class).unregister(id).block(Duration.ofSeconds(10));
				assertThat(b.closeStatus()).isEqualTo("4404 Session not found");
			}
		}
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = { "REACTIVE", "SERVLET" })
	void unknownSessionOrBadLastIdClosesWithItsStatus(WebApplicationType type) throws Exception {
		ConfigurableApplicationContext[] ab = instances(type);
		try (SocketClient socket = SocketClient.connect(this.client, socket(ab[0], "no-such-session", null),
				Map.of())) {
			assertThat(socket.closeStatus()).isEqualTo("4404 Session not found");
		}
		String id = register(ab[0]);
		try (SocketClient socket = SocketClient.connect(this.client, socket(ab[1], id, "not-an-id"), Map.of())) {
			assertThat(socket.closeStatus()).isEqualTo("4400 Bad sessionId or lastEventId");
		}
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = { "REACTIVE", "SERVLET" })
	void unreachableRedisClosesWithTryAgainLater(WebApplicationType type) throws Exception {
		ConfigurableApplicationContext[] ab = instances(type);
		String id = register(ab[0]);
		redis.node().pause();
		try (SocketClient socket = SocketClient.connect(this.client, socket(ab[1], id, null), Map.of())) {
			assertThat(socket.closeStatus()).isEqualTo("1013 Session store unavailable");
		}
		finally {
			redis.node().resume();
		}
	}

	private static Matcher message(String frame) {
		Matcher matcher = MESSAGE.matcher(frame);
		assertThat(matcher.matches()).as("a message frame: %s", frame).isTrue();
		return matcher;
	}

	private static synchronized ConfigurableApplicationContext[] instances(WebApplicationType type) {
		return instances.computeIfAbsent(type, (key) -> new ConfigurableApplicationContext[] { run(type), run(type) });
	}

	private static ConfigurableApplicationContext run(WebApplicationType type) {
		Class<?> sockets = (type == WebApplicationType.REACTIVE) ? ReactiveSocketConfiguration.class
				: ServletSocketConfiguration.class;
		return new SpringApplicationBuilder(WebSocketApplication.class, sockets).web(type)
			.run("--server.port=0", "--session.type=redis", "--session.redis.addr=" + redis.address(),
					"--session.redis.command-timeout=500ms");
	}

	private static String register(ConfigurableApplicationContext context) {
		String id = UUID.randomUUID().toString();
		context.getBean(Store.class).register(Meta.of(id, "", "websocket", RequestInfo.empty())).block();
		return id;
	}

	private void send(ConfigurableApplicationContext context, String id, String data) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri(context, "http", "/sessions/" + id + "/messages"))
			.header("Content-Type", "text/plain")
			.timeout(Duration.ofSeconds(10))
			.POST(BodyPublishers.ofString(data))
			.build();
		assertThat(this.client.send(request, BodyHandlers.discarding()).statusCode()).isEqualTo(202);
	}

	private static URI socket(ConfigurableApplicationContext context, String id, String lastEventId) {
		return uri(context, "ws",
				"/sessions/socket?sessionId=" + id + ((lastEventId != null) ? "&lastEventId=" + lastEventId : ""));
	}

	private static URI uri(ConfigurableApplicationContext context, String scheme, String path) {
		return URI.create(scheme + "://localhost:" + context.getEnvironment().getProperty("local.server.port") + path);
	}

}
