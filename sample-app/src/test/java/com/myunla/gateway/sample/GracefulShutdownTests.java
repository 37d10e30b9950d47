package com.myunla.gateway.sample;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ReactorResourceFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing one of two instances of the sample on one Redis while a client streams from it
 * and messages keep coming: its stream completes at once, the client resumes on the other
 * instance with its last id, and every acknowledged message arrives exactly once, in
 * order.
 */
@RequiresRedis
@ExtendWith(OutputCaptureExtension.class)
class GracefulShutdownTests {

	/**
	 * Most messages the test sends: fewer than a stream may fall behind (256 by default),
	 * so that the replay on the other instance is not cut short as a slow consumer's.
	 */
	private static final int MAX_MESSAGES = 200;

	/**
	 * Messages a session retains: more than the test sends, so that the resume replays
	 * all it missed.
	 */
	private static final int RETENTION = 1000;

	@Test
	void closingAnInstanceEndsItsStreamsAndTheClientResumesElsewhereWithoutLoss(CapturedOutput output)
			throws Exception {
		try (RedisSingle redis = RedisSingle.start()) {
			ConfigurableApplicationContext instanceA = start(redis);
			ConfigurableApplicationContext instanceB = start(redis);
			SampleClient a = new SampleClient(port(instanceA));
			SampleClient b = new SampleClient(port(instanceB));
			try {
				SseStream stream = a.open("/sse");
				String id = SampleClient.sessionIdOf(stream.next());
				b.send(id, "m0");
				SseStream.Event first = stream.next();
				assertThat(first.data()).isEqualTo("m0");
				List<String> acknowledged = new ArrayList<>(List.of("m0"));
				List<String> attempted = new ArrayList<>(List.of("m0"));
				AtomicBoolean closed = new AtomicBoolean();
				// messages keep coming while A closes: to A as long as it answers, then
				// to B
				CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
					boolean toA = true;
					int afterClose = 0;
					for (int i = 1; afterClose < 20 && i < MAX_MESSAGES; i++) {
						String data = "m" + i;
						if (closed.get()) {
							afterClose++;
						}
						if (toA) {
							attempted.add(data);
							if (post(a, id, data)) {
								acknowledged.add(data);
								continue;
							}
							// the outcome on A is unknown: send it again, told apart,
							// through B
							toA = false;
							data = data + "-again";
						}
						attempted.add(data);
						b.send(id, data);
						acknowledged.add(data);
					}
				});
				CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> {
					instanceA.close();
					closed.set(true);
				});
				// A's stream completes, without waiting for the web server's graceful
				// shutdown to time out
				List<String> seen = new ArrayList<>(List.of("m0"));
				String lastId = first.id();
				for (SseStream.Event event : stream.eventsUntilCompletion()) {
					seen.add(event.data());
					lastId = event.id();
				}
				closing.get(60, TimeUnit.SECONDS);
				sender.get(60, TimeUnit.SECONDS);
				// as a client does: resume with the last id seen, again whenever the
				// stream ends (a replay of many messages may end it as a slow consumer)
				SseStream resumed = b.resume(id, lastId);
				while (seen.size() < acknowledged.size() || !seen.containsAll(acknowledged)) {
					SseStream.Event event = resumed.nextOrEnd();
					if (event == null) {
						resumed = b.resume(id, lastId);
						continue;
					}
					assertThat(event.event()).as("no gap: the session retains every message of the test")
						.isNotEqualTo("session.gap");
					seen.add(event.data());
					lastId = event.id();
				}
				assertThat(seen).doesNotHaveDuplicates();
				assertThat(attempted).containsSubsequence(seen);
				assertThat(seen).containsAll(acknowledged);
				assertThat(new LinkedHashSet<>(seen)).isEqualTo(orderedSubset(attempted, seen));
				// the session lives on in Redis: B still sends to it
				b.send(id, "after");
				assertThat(resumed.next().data()).isEqualTo("after");
				// no stack trace and no error logged (the test's own HTTP client may warn
				// about a closed connection)
				assertThat(output.getAll()).doesNotContain("\tat ").doesNotContain(" ERROR ");
			}
			finally {
				a.close();
				b.close();
				instanceA.close();
				instanceB.close();
			}
		}
	}

	private static boolean post(SampleClient client, String id, String data) {
		try {
			HttpStatusCode status = client.post(id, null, data).expectBody().returnResult().getStatus();
			return status.value() == 202;
		}
		catch (RuntimeException ex) {
			// A refused the connection or closed it: the outcome is unknown, the message
			// may still arrive
			return false;
		}
	}

	private static Set<String> orderedSubset(List<String> all, List<String> members) {
		Set<String> subset = new LinkedHashSet<>();
		for (String item : all) {
			if (members.contains(item)) {
				subset.add(item);
			}
		}
		return subset;
	}

	private static ConfigurableApplicationContext start(RedisSingle redis) {
		return new SpringApplicationBuilder(SampleApplication.class, OwnNettyResources.class).run("--server.port=0",
				"--session.type=redis", "--session.redis.addr=" + redis.address(), "--session.retention=" + RETENTION);
	}

	private static int port(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	/**
	 * Gives an instance Reactor Netty resources of its own: by default the instances of
	 * one JVM share global ones, which the first instance to close disposes, taking the
	 * other's server down with it. Separate processes, as in production, never share
	 * them.
	 */
	@Configuration(proxyBeanMethods = false)
	static class OwnNettyResources {

		@Bean
		ReactorResourceFactory reactorResourceFactory() {
			ReactorResourceFactory factory = new ReactorResourceFactory();
			factory.setUseGlobalResources(false);
			return factory;
		}

	}

}
