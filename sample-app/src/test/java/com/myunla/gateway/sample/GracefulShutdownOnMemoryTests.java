package com.myunla.gateway.sample;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing the sample on the memory store while a client streams from it: the stream
 * completes (the client sees its response end rather than a broken connection) instead of
 * holding up the web server's graceful shutdown.
 */
@ExtendWith(OutputCaptureExtension.class)
class GracefulShutdownOnMemoryTests {

	@Test
	void closingTheContextCompletesLiveStreams(CapturedOutput output) throws Exception {
		ConfigurableApplicationContext instance = new SpringApplicationBuilder(SampleApplication.class)
			.run("--server.port=0", "--session.type=memory", "--server.shutdown=graceful");
		SampleClient client = new SampleClient(
				instance.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
		try {
			SseStream stream = client.open("/sse");
			String id = SampleClient.sessionIdOf(stream.next());
			client.send(id, "m1");
			assertThat(stream.next().data()).isEqualTo("m1");
			CompletableFuture<Void> closing = CompletableFuture.runAsync(instance::close);
			// completes, rather than failing when the graceful shutdown gives up and
			// drops the connection
			assertThat(stream.eventsUntilCompletion()).isEmpty();
			closing.get(60, TimeUnit.SECONDS);
			assertThat(output.getAll()).doesNotContain("\tat ").doesNotContain(" ERROR ");
		}
		finally {
			client.close();
			instance.close();
		}
	}

}
