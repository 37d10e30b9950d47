package com.example.events;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.RequestInfo;
import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.spi.StoreObservations;
import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.exporter.FinishedSpan;
import io.micrometer.tracing.exporter.SpanReporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application of {@link AbstractEventsApplicationTests} on a real Redis, in both
 * stacks: the Redis store's own ids are honoured as {@code Last-Event-ID}, while Redis
 * does not answer the answer is {@code 503}, and with Spring Boot's tracing the trace of
 * a {@code POST} on one instance contains the delivery on another.
 */
@RequiresRedis
@ExtendWith(OutputCaptureExtension.class)
class EventsOnRedisTests {

	private static RedisSingle redis;

	private final HttpClient client = HttpClient.newHttpClient();

	@BeforeAll
	static void startRedis() {
		redis = RedisSingle.start();
	}

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = { "REACTIVE", "SERVLET" })
	void resumeHonoursTheRedisStoresOwnIds(WebApplicationType type) throws Exception {
		try (ConfigurableApplicationContext context = run(type)) {
			String id = register(context);
			assertThat(send(context, id, "m1").statusCode()).isEqualTo(202);
			assertThat(send(context, id, "m2").statusCode()).isEqualTo(202);
			String firstId;
			List<String> second;
			try (EventStream stream = open(context, id, "0-0")) {
				List<String> first = stream.next();
				assertThat(first).hasSize(3).contains("event:message", "data:m1");
				firstId = first.get(0).substring("id:".length());
				assertThat(firstId).matches("\\d+-\\d+");
				second = stream.next();
				assertThat(second).contains("event:message", "data:m2");
			}
			try (EventStream stream = open(context, id, firstId)) {
				assertThat(stream.next()).isEqualTo(second);
			}
		}
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = { "REACTIVE", "SERVLET" })
	void streamOfUnknownSessionIsNotFound(WebApplicationType type) throws Exception {
		try (ConfigurableApplicationContext context = run(type)) {
			HttpRequest request = HttpRequest.newBuilder(uri(context, "/sessions/no-such-session/events"))
				.header("Accept", "text/event-stream")
				.timeout(Duration.ofSeconds(10))
				.build();
			HttpResponse<String> response = this.client.send(request, BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(response.body()).contains("\"sessionId\":\"no-such-session\"");
		}
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = { "REACTIVE", "SERVLET" })
	void unreachableRedisIsServiceUnavailable(WebApplicationType type, CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = run(type)) {
			String id = register(context);
			redis.node().pause();
			HttpResponse<String> response;
			try {
				response = send(context, id, "during?token=s3cr3t");
			}
			finally {
				redis.node().resume();
			}
			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
			assertThat(response.body()).doesNotContain(redis.address());
			assertThat(output).contains("Session store unavailable").doesNotContain("s3cr3t").doesNotContain("\tat ");
		}
	}

	/**
	 * Two instances with Spring Boot's Micrometer Tracing (Brave), each collecting its
	 * finished spans: the trace started by a {@code POST} on one contains the delivery of
	 * the message on the other. Tagged {@code tracing}, it runs in a surefire execution
	 * of its own, the only one with Spring Boot's tracing on the class path.
	 * @param type the stack
	 * @throws Exception on failure
	 */
	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = { "REACTIVE", "SERVLET" })
	@Tag("tracing")
	void traceOfAPostOnOneInstanceContainsTheDeliveryOnTheOther(WebApplicationType type) throws Exception {
		Spans spansOfA = new Spans();
		Spans spansOfB = new Spans();
		try (ConfigurableApplicationContext a = run(type, spansOfA);
				ConfigurableApplicationContext b = run(type, spansOfB)) {
			String id = register(a);
			// from the start of the log, so that the message reaches the stream whether
			// the store delivers it live or from the log
			try (EventStream stream = open(a, id, "0-0")) {
				assertThat(send(b, id, "traced").statusCode()).isEqualTo(202);
				assertThat(stream.next()).contains("event:message", "data:traced");
			}
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				FinishedSpan post = spansOfB.one(Span.Kind.SERVER, "http post /sessions/{id}/messages");
				FinishedSpan send = spansOfB.one(Span.Kind.PRODUCER, StoreObservations.SEND);
				assertThat(send.getTraceId()).isEqualTo(post.getTraceId());
				assertThat(send.getParentId()).isEqualTo(post.getSpanId());
				FinishedSpan delivery = spansOfA.one(Span.Kind.CONSUMER, StoreObservations.DELIVERY);
				assertThat(delivery.getTraceId()).isEqualTo(post.getTraceId());
				assertThat(delivery.getParentId()).isEqualTo(send.getSpanId());
			});
		}
	}

	private static ConfigurableApplicationContext run(WebApplicationType type) {
		return new SpringApplicationBuilder(EventsApplication.class).web(type)
			.run("--server.port=0", "--session.type=redis", "--session.redis.addr=" + redis.address(),
					"--session.redis.command-timeout=500ms");
	}

	private static ConfigurableApplicationContext run(WebApplicationType type, Spans spans) {
		return new SpringApplicationBuilder(EventsApplication.class).web(type)
			.initializers((context) -> context.getBeanFactory().registerSingleton("spans", spans))
			.run("--server.port=0", "--session.type=redis", "--session.redis.addr=" + redis.address(),
					"--management.tracing.sampling.probability=1.0");
	}

	private static String register(ConfigurableApplicationContext context) {
		String id = UUID.randomUUID().toString();
		context.getBean(Store.class).register(Meta.of(id, "", "sse", RequestInfo.empty())).block();
		return id;
	}

	private HttpResponse<String> send(ConfigurableApplicationContext context, String id, String pathSuffix)
			throws Exception {
		String[] parts = pathSuffix.split("\\?", 2);
		String query = (parts.length > 1) ? "?" + parts[1] : "";
		HttpRequest request = HttpRequest.newBuilder(uri(context, "/sessions/" + id + "/messages" + query))
			.header("Content-Type", "text/plain")
			.timeout(Duration.ofSeconds(10))
			.POST(BodyPublishers.ofString(parts[0]))
			.build();
		return this.client.send(request, BodyHandlers.ofString());
	}

	private EventStream open(ConfigurableApplicationContext context, String id, String lastEventId) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri(context, "/sessions/" + id + "/events"))
			.header("Accept", "text/event-stream")
			.header("Last-Event-ID", lastEventId)
			.build();
		HttpResponse<InputStream> response = this.client.send(request, BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		return new EventStream(response.body());
	}

	private static URI uri(ConfigurableApplicationContext context, String path) {
		return URI.create("http://localhost:" + context.getEnvironment().getProperty("local.server.port") + path);
	}

	/**
	 * The spans an instance finished.
	 */
	static final class Spans implements SpanReporter {

		private final Queue<FinishedSpan> finished = new ConcurrentLinkedQueue<>();

		@Override
		public void report(FinishedSpan span) {
			this.finished.add(span);
		}

		@Override
		public void close() {
		}

		FinishedSpan one(Span.Kind kind, String name) {
			List<FinishedSpan> matching = this.finished.stream()
				.filter((span) -> span.getKind() == kind && name.equals(span.getName()))
				.toList();
			assertThat(matching).as("%s spans named %s among %s", kind, name, this.finished).hasSize(1);
			return matching.get(0);
		}

	}

}
