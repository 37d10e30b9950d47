package com.myunla.gateway.sample;

import com.myunla.gateway.session.Delivery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A resume from an id the store no longer retains: the stream says so before it
 * continues.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "session.retention=3")
class ResumeBeyondRetentionTests {

	@LocalServerPort
	private int port;

	private SampleClient sample;

	@BeforeEach
	void connect() {
		this.sample = new SampleClient(this.port);
	}

	@AfterEach
	void disconnect() {
		this.sample.close();
	}

	@Test
	void gapNoticeIsForwardedAsItsOwnEventWithoutAnId() {
		SseStream first = this.sample.open("/sse");
		String id = SampleClient.sessionIdOf(first.next());
		first.close();
		for (int i = 1; i <= 6; i++) {
			this.sample.send(id, "m" + i);
		}

		SseStream resumed = this.sample.resume(id, "1");
		SseStream.Event gap = resumed.next();
		assertThat(gap.event()).isEqualTo(Delivery.GAP_EVENT);
		assertThat(gap.id()).isNull();
		assertThat(gap.data()).isEqualTo("{\"lastEventId\":\"1\",\"firstAvailableId\":\"4\"}");
		assertThat(SampleClient.dataAndId(resumed.next())).isEqualTo("m4@4");
		assertThat(SampleClient.dataAndId(resumed.next())).isEqualTo("m5@5");
		assertThat(SampleClient.dataAndId(resumed.next())).isEqualTo("m6@6");
	}

	@Test
	void mcpStreamSaysWhichNotificationsWereLostAsAWarning() {
		McpHttp mcp = new McpHttp("http://localhost:" + this.port);
		String sessionId = mcp.initialize("2025-06-18");
		for (int i = 1; i <= 6; i++) {
			mcp.notify(sessionId, "n" + i);
		}

		SseStream resumed = mcp.listen(sessionId, "1", "2025-06-18");
		SseStream.Event warning = resumed.next();
		assertThat(warning.id()).isNull();
		assertThat(warning.data()).contains("\"method\":\"notifications/message\"", "\"level\":\"warning\"",
				"\\\"lastEventId\\\":\\\"1\\\",\\\"firstAvailableId\\\":\\\"4\\\"");
		for (int i = 4; i <= 6; i++) {
			SseStream.Event notification = resumed.next();
			assertThat(notification.id()).isEqualTo(String.valueOf(i));
			assertThat(notification.data()).contains("\"data\":\"n" + i + "\"");
		}
		resumed.close();
	}

}
