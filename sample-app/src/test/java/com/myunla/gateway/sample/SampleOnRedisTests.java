package com.myunla.gateway.sample;

import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the sample gateway sharing one Redis, as a fleet behind a load
 * balancer: a client's stream is on one instance while its messages, deletes and
 * reconnects arrive at the other.
 */
@RequiresRedis
class SampleOnRedisTests {

	private static RedisSingle redis;

	private static ConfigurableApplicationContext instanceA;

	private static ConfigurableApplicationContext instanceB;

	private SampleClient a;

	private SampleClient b;

	@BeforeAll
	static void startFleet() {
		redis = RedisSingle.start();
		instanceA = start();
		instanceB = start();
	}

	@AfterAll
	static void stopFleet() {
		for (AutoCloseable resource : new AutoCloseable[] { instanceA, instanceB, redis }) {
			if (resource != null) {
				try {
					resource.close();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
	}

	private static ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(SampleApplication.class).run("--server.port=0", "--session.type=redis",
				"--session.redis.addr=" + redis.address());
	}

	private static int port(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	@BeforeEach
	void connect() {
		this.a = new SampleClient(port(instanceA));
		this.b = new SampleClient(port(instanceB));
	}

	@AfterEach
	void disconnect() {
		this.a.close();
		this.b.close();
	}

	@Test
	void messagePostedToOneInstanceReachesTheStreamOnTheOther() {
		SseStream stream = this.a.open("/sse");
		String id = SampleClient.sessionIdOf(stream.next());
		this.b.send(id, "hello\nfrom b");
		SseStream.Event event = stream.next();
		assertThat(event.event()).isEqualTo("message");
		assertThat(event.data()).isEqualTo("hello\nfrom b");
		assertThat(event.id()).isNotBlank();
	}

	@Test
	void resumeOnTheOtherInstanceReplaysOnlyWhatWasMissed() {
		SseStream first = this.a.open("/sse");
		String id = SampleClient.sessionIdOf(first.next());
		this.b.send(id, "one");
		String lastId = first.next().id();
		first.close();
		this.b.send(id, "two");
		this.a.send(id, "three");

		SseStream resumed = this.b.resume(id, lastId);
		assertThat(resumed.next().data()).isEqualTo("two");
		assertThat(resumed.next().data()).isEqualTo("three");
		this.a.send(id, "four");
		assertThat(resumed.next().data()).isEqualTo("four");
	}

	@Test
	void deleteOnTheOtherInstanceEndsTheStream() {
		SseStream stream = this.a.open("/sse");
		String id = SampleClient.sessionIdOf(stream.next());
		this.b.send(id, "one");
		assertThat(stream.next().data()).isEqualTo("one");

		this.b.delete(id).expectStatus().isNoContent().expectBody().isEmpty();
		stream.awaitCompletion();
		SampleClient.expectSessionNotFound(this.a.post(id, null, "two"), id);
	}

	@Test
	void sessionListOfEitherInstanceShowsTheSession() {
		String id = SampleClient.sessionIdOf(this.a.open("/sse").next());
		this.b.http()
			.get()
			.uri("/sessions")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.sessions[?(@.id == '" + id + "')].type")
			.isEqualTo("sse");
	}

}
