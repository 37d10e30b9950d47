package com.myunla.gateway.session.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.Redaction;
import com.myunla.gateway.session.RequestInfo;
import com.myunla.gateway.session.SessionNotFoundException;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What only {@link RedisStore} promises, against a real single Redis server, with several
 * store instances (each with its own Redis client) playing the instances of a gateway
 * fleet: pub/sub loss, damaged data, fan-out to the owning instance only, stored
 * redaction. The contract of every store is checked by the contract kit (module
 * {@code session-store-kit}).
 */
@RequiresRedis
class RedisStoreTests {

	@RegisterExtension
	static final SingleRedisFleet redis = new SingleRedisFleet();

	@Test
	void requestSecretsAreNotStoredInRedisByDefault() {
		RedisStore a = redis.stores().start("a");
		RedisStore b = redis.stores().start("b");
		RequestInfo request = new RequestInfo(
				Map.of("Authorization", "Bearer s3cret", "X-Api-Key", "k3y", "User-Agent", "browser"),
				Map.of("token", "q-s3cret", "tenant", "acme"), Map.of("sid", "c-s3cret"));
		a.register(Meta.of("s1", "/api", "sse", request)).block();
		String stored = redis.command("HGET", redis.prefix() + ":{s1}:meta", "m");
		assertThat(stored).doesNotContain("s3cret", "k3y").contains("browser", "acme");
		assertThat(b.get("s1").block().meta().request()).isEqualTo(request.redacted());
	}

	@Test
	void metaSurvivesTheRoundTripThroughRedisWhenSecretsAreStoredInClear() {
		Consumer<RedisStoreBuilder> inClear = (builder) -> builder.storedRedaction(Redaction.none());
		RedisStore a = redis.stores().start("a", inClear);
		RedisStore b = redis.stores().start("b", inClear);
		Meta meta = new Meta("s1", java.time.Instant.parse("2026-01-02T03:04:05.123Z"), "/api/v1", "sse",
				new RequestInfo(Map.of("User-Agent", "browser", "Authorization", "Bearer x"), Map.of("q", "1"),
						Map.of("c", "v")),
				new byte[] { 0, 1, 2, (byte) 255 });
		a.register(meta).block();
		assertThat(b.get("s1").block().meta()).isEqualTo(meta);
		assertThat(b.list().collectList().block()).extracting(Connection::meta).containsExactly(meta);
	}

	@Test
	void takeoverStormAcrossInstancesLeavesExactlyOneLiveStream() {
		// A timeout would end its resume with an error although the takeover may have
		// run: give every reply time.
		Consumer<RedisStoreBuilder> patient = (builder) -> builder.commandTimeout(Duration.ofSeconds(20));
		RedisStore a = redis.stores().start("a", patient);
		RedisStore b = redis.stores().start("b", patient);
		a.register(meta("s1")).block();
		List<Connection> handles = List.of(a.get("s1").block(), b.get("s1").block());
		int resumes = 2000;
		List<Recorder> streams = new ArrayList<>();
		for (int i = 0; i < resumes; i++) {
			streams.add(Recorder.record(handles.get(i % 2).events().subscribeOn(Schedulers.parallel())));
		}
		// Well within the interval at which an open stream checks its ownership (30 s
		// with the default ttl).
		// The winner's takeover frame can end the stream before it while the winner's
		// own reply is still on its way: it is adopted by its instance a moment after the
		// others ended.
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(streams.stream().filter((stream) -> !stream.isTerminated())).as("live streams").hasSize(1);
			assertThat(a.localStreams() + b.localStreams()).as("streams the stores hold").isEqualTo(1);
		});
		Recorder live = streams.stream().filter((stream) -> !stream.isTerminated()).findFirst().orElseThrow();
		a.send("s1", Message.of("after the storm")).block();
		live.awaitCount(1);
		assertThat(live.texts()).containsExactly("after the storm");
		assertThat(streams.stream().map(Recorder::error).filter(Objects::nonNull)).isEmpty();
	}

	@Test
	void ownerKeepsDeliveringAfterItsPubSubConnectionIsKilled() throws Exception {
		// The sender does not wait for the stream: a log that keeps everything it sends
		// makes the test about delivering after the kill, not about how far the stream
		// falls behind meanwhile (past the retention it would get a gap notice).
		Consumer<RedisStoreBuilder> keepAll = (builder) -> builder.retention(1000);
		RedisStore a = redis.stores().start("a", keepAll);
		RedisStore b = redis.stores().start("b", keepAll);
		a.register(meta("s1")).block();
		Recorder stream = Recorder.record(a.get("s1").block().events());
		int total = 400;
		CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
			for (int i = 0; i < total; i++) {
				b.send("s1", Message.of(Integer.toString(i))).block();
			}
		});
		stream.awaitCount(50);
		String killed = redis.command("CLIENT", "KILL", "TYPE", "pubsub");
		assertThat(Integer.parseInt(killed.trim())).isPositive();
		sending.get(60, TimeUnit.SECONDS);
		stream.awaitCount(total);
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < total; i++) {
			expected.add(Integer.toString(i));
		}
		assertThat(stream.texts()).containsExactlyElementsOf(expected);
		assertThat(stream.isTerminated()).isFalse();
	}

	@Test
	void resumesRacingUnregisterAllEndWithoutError() {
		RedisStore a = redis.stores().start("a");
		RedisStore b = redis.stores().start("b");
		int races = 200;
		List<Recorder> streams = new ArrayList<>();
		for (int i = 0; i < races; i++) {
			a.register(meta("r" + i)).block();
		}
		for (int i = 0; i < races; i++) {
			Connection connection = a.get("r" + i).block();
			streams.add(Recorder.record(connection.events().subscribeOn(Schedulers.parallel())));
			b.unregister("r" + i).subscribeOn(Schedulers.parallel()).subscribe();
		}
		// Well within the interval at which an open stream checks its session (30 s with
		// the default ttl).
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(streams.stream().filter((stream) -> !stream.isTerminated()))
				.as("streams still open")
				.isEmpty());
		assertThat(streams.stream().map(Recorder::error).filter(Objects::nonNull))
			.allSatisfy((error) -> assertThat(error).isInstanceOf(SessionNotFoundException.class));
	}

	@Test
	void streamEndsWhenItsSessionIsLostFromRedis() {
		RedisStore a = redis.stores().start("a");
		Recorder stream = Recorder.record(a.register(meta("s1")).block().events());
		a.send("s1", Message.of("m1")).block();
		stream.awaitCount(1);
		// As a restart without persistence does: the data is gone, and so is the pub/sub
		// connection.
		redis.command("DEL", redis.prefix() + ":{s1}:meta", redis.prefix() + ":{s1}:log");
		redis.command("CLIENT", "KILL", "TYPE", "pubsub");
		await().atMost(Duration.ofSeconds(5)).until(stream::isTerminated);
		assertThat(stream.error()).isNull();
	}

	@Test
	void messageReachesOnlyTheInstanceOwningTheStream() {
		List<RedisStore> fleet = List.of(redis.stores().start("i1"), redis.stores().start("i2"),
				redis.stores().start("i3"), redis.stores().start("i4"));
		RedisStore owner = fleet.get(2);
		owner.register(meta("s1")).block();
		Recorder stream = Recorder.record(owner.get("s1").block().events());
		// A message that arrives proves the stream has taken ownership; count from there.
		owner.send("s1", Message.of("warm-up")).block();
		stream.awaitCount(1);
		Map<String, Long> before = new HashMap<>();
		fleet.forEach((store) -> before.put(store.instanceId(), store.receivedMessages()));
		int messages = 100;
		for (int i = 0; i < messages; i++) {
			fleet.get(i % 4).send("s1", Message.of("m" + i)).block();
		}
		stream.awaitCount(messages + 1);
		Map<String, Long> receipts = new HashMap<>();
		fleet.forEach(
				(store) -> receipts.put(store.instanceId(), store.receivedMessages() - before.get(store.instanceId())));
		assertThat(receipts).containsEntry("i3", (long) messages)
			.containsEntry("i1", 0L)
			.containsEntry("i2", 0L)
			.containsEntry("i4", 0L);
	}

	@Test
	void garbageOnTheChannelIsIgnoredAndCounted() {
		RedisStore a = redis.stores().start("a");
		RedisStore b = redis.stores().start("b");
		Recorder stream = Recorder.record(a.register(meta("s1")).block().events());
		String channel = redis.prefix() + "_updates:a";
		StringBuilder noise = new StringBuilder(1024 * 1024);
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int i = 0; i < 1024 * 1024; i++) {
			noise.append((char) ('!' + random.nextInt(90)));
		}
		redis.command("PUBLISH", channel, "{\"not\":\"a frame\"}");
		redis.command("PUBLISH", channel, "m\ns1\nnot-an-id\nalso-not\nevent\ndata");
		redis.command("PUBLISH", channel, "m\ns1");
		redis.command("PUBLISH", channel, noise.toString());
		await().atMost(Duration.ofSeconds(10)).until(() -> a.ignoredFrames() >= 4);
		b.send("s1", Message.of("after the noise")).block();
		stream.awaitCount(1);
		assertThat(stream.texts()).containsExactly("after the noise");
		assertThat(stream.isTerminated()).isFalse();
	}

	@Test
	void forgedFramesCannotMoveTheDeliveredCursor() {
		RedisStore a = redis.stores().start("a");
		RedisStore b = redis.stores().start("b");
		Recorder stream = Recorder.record(a.register(meta("s1")).block().events());
		b.send("s1", Message.of("m1")).block();
		stream.awaitCount(1);
		String last = stream.ids().get(0);
		String channel = redis.prefix() + "_updates:a";
		// Well-formed frames following the last delivered message, with and without a
		// (wrong) stream token.
		redis.command("PUBLISH", channel, "m\ns1\n" + last + "\n9999999999999-0\nmessage\nforged");
		redis.command("PUBLISH", channel, "m\ns1\nnot-the-token\n" + last + "\n9999999999999-1\nmessage\nforged");
		b.send("s1", Message.of("m2")).block();
		stream.awaitCount(2);
		assertThat(stream.texts()).containsExactly("m1", "m2");
		stream.cancel();
		b.send("s1", Message.of("m3")).block();
		// Without an id, the next stream continues after what the last one delivered: m3,
		// once the cursor is saved.
		awaitStreamWithoutIdDelivers(b, "s1", "m3");
	}

	@Test
	void unreadableMetaFailsOnlyThatSessionNamingIt() {
		RedisStore a = redis.stores().start("a");
		a.register(meta("s1")).block();
		a.register(meta("s2")).block();
		redis.command("HSET", redis.prefix() + ":{s1}:meta", "m", "{not json");
		assertThatThrownBy(() -> a.get("s1").block()).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("session 's1'")
			.hasMessageContaining("unreadable metadata");
		assertThat(a.get("s2").block().meta().id()).isEqualTo("s2");
		a.unregister("s1").block();
		assertThatThrownBy(() -> a.get("s1").block()).isInstanceOf(SessionNotFoundException.class);
	}

	@Test
	void keysOfTheWrongTypeFailOnlyThatSessionNamingIt() {
		RedisStore a = redis.stores().start("a");
		a.register(meta("s1")).block();
		a.register(meta("s2")).block();
		redis.command("SET", redis.prefix() + ":{s1}:log", "not a stream");
		assertThatThrownBy(() -> a.send("s1", Message.of("m")).block()).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("session 's1'")
			.hasMessageContaining("WRONGTYPE");
		redis.command("DEL", redis.prefix() + ":{s1}:meta");
		redis.command("SET", redis.prefix() + ":{s1}:meta", "not a hash");
		assertThatThrownBy(() -> a.get("s1").block()).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("session 's1'");
		a.send("s2", Message.of("m")).block();
		a.unregister("s1").block();
		assertThatThrownBy(() -> a.get("s1").block()).isInstanceOf(SessionNotFoundException.class);
	}

	@Test
	void garbageInTheLastIdFieldDoesNotStallDelivery() {
		RedisStore a = redis.stores().start("a");
		RedisStore b = redis.stores().start("b");
		Recorder stream = Recorder.record(a.register(meta("s1")).block().events());
		b.send("s1", Message.of("m1")).block();
		stream.awaitCount(1);
		redis.command("HSET", redis.prefix() + ":{s1}:meta", "l", "garbage");
		b.send("s1", Message.of("m2")).block();
		b.send("s1", Message.of("m3")).block();
		stream.awaitCount(3);
		assertThat(stream.texts()).containsExactly("m1", "m2", "m3");
	}

	@Test
	void garbageInTheDeliveredCursorFailsTheResumeNamingTheSession() {
		RedisStore a = redis.stores().start("a");
		Connection connection = a.register(meta("s1")).block();
		redis.command("HSET", redis.prefix() + ":{s1}:meta", "c", "garbage");
		Recorder stream = Recorder.record(connection.events());
		stream.awaitCompletion();
		assertThat(stream.error()).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("session 's1'")
			.hasMessageContaining("garbage");
	}

	@Test
	void damagedLogEndsTheLiveStreamWithAnErrorInsteadOfStalling() {
		RedisStore a = redis.stores().start("a");
		Recorder stream = Recorder.record(a.register(meta("s1")).block().events());
		a.send("s1", Message.of("m1")).block();
		stream.awaitCount(1);
		redis.command("DEL", redis.prefix() + ":{s1}:log");
		redis.command("SET", redis.prefix() + ":{s1}:log", "not a stream");
		// A reconnect makes the stream catch up from the log, which it cannot read any
		// more.
		redis.command("CLIENT", "KILL", "TYPE", "pubsub");
		stream.awaitCompletion();
		assertThat(stream.error()).isInstanceOf(IllegalStateException.class).hasMessageContaining("session 's1'");
	}

	/**
	 * Waits until a stream opened without a last event id delivers exactly the given
	 * message, which it does once the previous stream's end has saved the session's
	 * delivered cursor.
	 */
	private static void awaitStreamWithoutIdDelivers(RedisStore store, String id, String text) {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Recorder stream = Recorder.record(store.get(id).block().events());
			try {
				stream.awaitCount(1, Duration.ofSeconds(2));
				assertThat(stream.texts()).containsExactly(text);
			}
			finally {
				stream.cancel();
			}
		});
	}

	static Meta meta(String id) {
		return Meta.of(id, "/api", "sse", new RequestInfo(Map.of("User-Agent", "test"), Map.of(), Map.of()));
	}

	static void assertIncreasing(List<String> ids) {
		for (int i = 1; i < ids.size(); i++) {
			assertThat(EntryId.parse(ids.get(i)).isAfter(EntryId.parse(ids.get(i - 1))))
				.as("id %s follows %s", ids.get(i), ids.get(i - 1))
				.isTrue();
		}
	}

	static void assertExactlyOnceInSenderOrder(List<String> texts, int senders, int perSender) {
		assertThat(texts).hasSize(senders * perSender).doesNotHaveDuplicates();
		int[] next = new int[senders];
		for (String text : texts) {
			int colon = text.indexOf(':');
			int sender = Integer.parseInt(text.substring(0, colon));
			int index = Integer.parseInt(text.substring(colon + 1));
			assertThat(index).as("order of sender %d", sender).isEqualTo(next[sender]);
			next[sender]++;
		}
	}

}
