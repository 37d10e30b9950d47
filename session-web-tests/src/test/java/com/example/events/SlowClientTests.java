package com.example.events;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.RequestInfo;
import com.myunla.gateway.session.Store;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that does not read its stream, in both stacks: back-pressure reaches the
 * store, whose buffer fills, and the stream ends instead of buffering without bound or
 * blocking the senders; the client then reads what reached it before the end (possibly
 * nothing: events still on their way when the stream ends may be dropped with the
 * connection) and resumes after the last id it got, without a loss.
 */
@ExtendWith(OutputCaptureExtension.class)
class SlowClientTests {

	// 16MB: more than the socket buffers of both ends hold for a client that does not
	// read (the receive buffer grows only as the application reads; Linux's send buffer
	// is at most 4MB by default), so its stream must fall behind
	private static final int MESSAGES = 1000;

	private static final String PADDING = "x".repeat(16 * 1024);

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = { "REACTIVE", "SERVLET" })
	void streamOfAClientThatDoesNotReadEndsAndResumes(WebApplicationType type, CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(EventsApplication.class).web(type)
			.run("--server.port=0", "--session.buffer-size=4", "--session.retention=" + MESSAGES,
					// a retention that holds every message sent, so that the client
					// resumes without a gap
					"--session.retention-bytes=32MB")) {
			Store store = context.getBean(Store.class);
			String id = UUID.randomUUID().toString();
			store.register(Meta.of(id, "", "sse", RequestInfo.empty())).block();
			HttpClient client = HttpClient.newHttpClient();
			HttpResponse<InputStream> response = client.send(request(context, id, null), BodyHandlers.ofInputStream());
			assertThat(response.statusCode()).isEqualTo(200);
			for (int i = 1; i <= MESSAGES; i++) {
				store.send(id, Message.of(i + ":" + PADDING)).block();
			}
			List<String> ids = new ArrayList<>();
			try (EventStream stream = new EventStream(response.body())) {
				List<String> event;
				while ((event = stream.nextOrEnd()) != null) {
					ids.add(event.get(0));
				}
			}
			assertThat(ids).hasSizeLessThan(MESSAGES);
			for (int i = 0; i < ids.size(); i++) {
				assertThat(ids.get(i)).isEqualTo("id:" + (i + 1));
			}
			assertThat(output).contains("fell more than 4 messages behind");
			HttpResponse<InputStream> resumed = client.send(request(context, id, Integer.toString(ids.size())),
					BodyHandlers.ofInputStream());
			try (EventStream stream = new EventStream(resumed.body())) {
				List<String> next = stream.next();
				assertThat(next.get(0)).isEqualTo("id:" + (ids.size() + 1));
				assertThat(next.get(2)).startsWith("data:" + (ids.size() + 1) + ":");
			}
		}
	}

	private static HttpRequest request(ConfigurableApplicationContext context, String id, String lastEventId) {
		String port = context.getEnvironment().getProperty("local.server.port");
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/sessions/" + id + "/events"))
			.header("Accept", "text/event-stream");
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		return request.build();
	}

}
