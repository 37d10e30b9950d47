package com.myunla.gateway.session.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.RequestInfo;
import com.myunla.gateway.session.SessionExistsException;
import com.myunla.gateway.session.SessionNotFoundException;
import com.myunla.gateway.session.SlowConsumerException;
import com.myunla.gateway.session.autoconfigure.SessionProperties;
import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@link RedisStore} against a real single Redis server, with several store instances (each with its own
 * Redis client) playing the instances of a gateway fleet.
 */
@RequiresRedis
class RedisStoreTests {

	private static RedisSingle redis;

	private RedisStores stores;

	private String prefix;

	@BeforeAll
	static void startRedis() {
		redis = RedisSingle.start();
	}

	@AfterAll
	static void stopRedis() {
		if (redis != null) {
			redis.close();
		}
	}

	@BeforeEach
	void createStores(TestInfo test) {
		// Every test gets its own key prefix and topic, so tests never see each other's sessions.
		this.prefix = "t" + ThreadLocalRandom.current().nextInt(1_000_000);
		this.stores = new RedisStores((properties) -> {
			properties.getRedis().setAddr(redis.address());
			properties.getRedis().setPrefix(this.prefix);
			properties.getRedis().setTopic(this.prefix + "_updates");
		});
	}

	@AfterEach
	void closeStores() {
		this.stores.close();
	}

	@Test
	void sendOnOneInstanceReachesTheStreamOnAnother() {
		RedisStore a = this.stores.start("a");
		RedisStore b = this.stores.start("b");
		Connection onA = a.register(meta("s1")).block();
		Recorder stream = Recorder.record(onA.events());
		Connection onB = b.get("s1").block();
		assertThat(onB.meta()).isEqualTo(onA.meta());
		for (int i = 1; i <= 5; i++) {
			onB.send(Message.of("data", "m" + i)).block();
		}
		stream.awaitCount(5);
		assertThat(stream.texts()).containsExactly("m1", "m2", "m3", "m4", "m5");
		assertThat(stream.deliveries()).allSatisfy((delivery) -> assertThat(delivery.message().event()).isEqualTo("data"));
		assertIncreasing(stream.ids());
	}

	@Test
	void concurrentSendersLoseNothingAndKeepTheirOrder() throws Exception {
		RedisStore a = this.stores.start("a");
		RedisStore b = this.stores.start("b");
		a.register(meta("s1")).block();
		Recorder stream = Recorder.record(a.get("s1").block().events());
		int senders = 8;
		int perSender = 250;
		ExecutorService pool = Executors.newFixedThreadPool(senders);
		try {
			List<CompletableFuture<Void>> done = new ArrayList<>();
			for (int s = 0; s < senders; s++) {
				int sender = s;
				done.add(CompletableFuture.runAsync(() -> {
					for (int i = 0; i < perSender; i++) {
						b.send("s1", Message.of("data", sender + ":" + i)).block();
					}
				}, pool));
			}
			CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		}
		finally {
			pool.shutdownNow();
		}
		stream.awaitCount(senders * perSender);
		assertExactlyOnceInSenderOrder(stream.texts(), senders, perSender);
		assertIncreasing(stream.ids());
	}

	@Test
	void registerRejectsATakenIdAcrossInstances() {
		RedisStore a = this.stores.start("a");
		RedisStore b = this.stores.start("b");
		a.register(meta("s1")).block();
		assertThatThrownBy(() -> b.register(meta("s1")).block()).isInstanceOf(SessionExistsException.class)
			.hasMessageContaining("s1");
	}

	@Test
	void unknownSessionIsNotFoundNamingTheId() {
		RedisStore a = this.stores.start("a");
		assertThatThrownBy(() -> a.get("nope").block()).isInstanceOfSatisfying(SessionNotFoundException.class,
				(ex) -> assertThat(ex.getSessionId()).isEqualTo("nope"));
		assertThatThrownBy(() -> a.send("nope", Message.of("x")).block()).isInstanceOf(SessionNotFoundException.class);
		assertThatThrownBy(() -> a.unregister("nope").block()).isInstanceOf(SessionNotFoundException.class);
	}

	@Test
	void requestSecretsAreNotStoredInRedisByDefault() {
		RedisStore a = this.stores.start("a");
		RedisStore b = this.stores.start("b");
		RequestInfo request = new RequestInfo(Map.of("Authorization", "Bearer s3cret", "X-Api-Key", "k3y",
				"User-Agent", "browser"), Map.of("token", "q-s3cret", "tenant", "acme"), Map.of("sid", "c-s3cret"));
		a.register(Meta.of("s1", "/api", "sse", request)).block();
		String stored = redis.command("HGET", this.prefix + ":{s1}:meta", "m");
		assertThat(stored).doesNotContain("s3cret", "k3y").contains("browser", "acme");
		assertThat(b.get("s1").block().meta().request()).isEqualTo(request.redacted());
	}

	@Test
	void metaSurvivesTheRoundTripThroughRedisWhenSecretsAreStoredInClear() {
		Consumer<SessionProperties> inClear = (properties) -> properties.getRedaction().setStoreInClear(true);
		RedisStore a = this.stores.start("a", inClear);
		RedisStore b = this.stores.start("b", inClear);
		Meta meta = new Meta("s1", java.time.Instant.parse("2026-01-02T03:04:05.123Z"), "/api/v1", "sse",
				new RequestInfo(Map.of("User-Agent", "browser", "Authorization", "Bearer x"), Map.of("q", "1"),
						Map.of("c", "v")),
				new byte[] { 0, 1, 2, (byte) 255 });
		a.register(meta).block();
		assertThat(b.get("s1").block().meta()).isEqualTo(meta);
		assertThat(b.list().collectList().block()).extracting(Connection::meta).containsExactly(meta);
	}

	@Test
	void binaryDataAndMultiLineDataArriveByteForByte() {
		RedisStore a = this.stores.start("a");
		RedisStore b = this.stores.start("b");
		Recorder stream = Recorder.record(a.register(meta("s1")).block().events());
		byte[] binary = new byte[256];
		for (int i = 0; i < binary.length; i++) {
			binary[i] = (byte) i;
		}
		b.send("s1", new Message("bin", binary)).block();
		b.send("s1", Message.of("text", "line 1\nline 2\r\n\nend")).block();
		stream.awaitCount(2);
		assertThat(stream.deliveries().get(0).message().data()).isEqualTo(binary);
		assertThat(stream.deliveries().get(1).message().dataAsString()).isEqualTo("line 1\nline 2\r\n\nend");
	}

	@Test
	void messagesSentBeforeTheStreamOpensAreDeliveredWhenItOpens() {
		RedisStore a = this.stores.start("a");
		RedisStore b = this.stores.start("b");
		a.register(meta("s1")).block();
		b.send("s1", Message.of("early")).block();
		Recorder stream = Recorder.record(a.get("s1").block().events());
		b.send("s1", Message.of("late")).block();
		stream.awaitCount(2);
		assertThat(stream.texts()).containsExactly("early", "late");
	}

	@Test
	void clientResumesOnAnotherInstanceWithItsLastId() {
		RedisStore a = this.stores.start("a");
		RedisStore b = this.stores.start("b");
		a.register(meta("s1")).block();
		Recorder onA = Recorder.record(a.get("s1").block().events());
		for (int i = 1; i <= 5; i++) {
			a.send("s1", Message.of("m" + i)).block();
		}
		onA.awaitCount(5);
		String lastSeen = onA.ids().get(4);
		// The client goes away without the server noticing: A's stream stays open while B sends.
		for (int i = 6; i <= 10; i++) {
			b.send("s1", Message.of("m" + i)).block();
		}
		Recorder onB = Recorder.record(b.get("s1").block().events(lastSeen));
		onB.awaitCount(5);
		b.send("s1", Message.of("m11")).block();
		onB.awaitCount(6);
		assertThat(onB.texts()).containsExactly("m6", "m7", "m8", "m9", "m10", "m11");
		onA.awaitCompletion();
		assertThat(onA.isCompleted()).isTrue();
		assertThat(onA.error()).isNull();
		assertThat(onB.isTerminated()).isFalse();
	}

	@Test
	void newStreamOnTheSameInstanceTakesOver() {
		RedisStore a = this.stores.start("a");
		Connection connection = a.register(meta("s1")).block();
		Recorder first = Recorder.record(connection.events());
		a.send("s1", Message.of("m1")).block();
		first.awaitCount(1);
		Recorder second = Recorder.record(connection.events(first.ids().get(0)));
		first.awaitCompletion();
		a.send("s1", Message.of("m2")).block();
		second.awaitCount(1);
		assertThat(second.texts()).containsExactly("m2");
		assertThat(first.texts()).containsExactly("m1");
	}

	@Test
	void takeoverStormAcrossInstancesLeavesExactlyOneLiveStream() {
		// A timeout would end its resume with an error although the takeover may have run: give every reply time.
		Consumer<SessionProperties> patient = (properties) -> properties.getRedis()
			.setCommandTimeout(Duration.ofSeconds(20));
		RedisStore a = this.stores.start("a", patient);
		RedisStore b = this.stores.start("b", patient);
		a.register(meta("s1")).block();
		List<Connection> handles = List.of(a.get("s1").block(), b.get("s1").block());
		int resumes = 2000;
		List<Recorder> streams = new ArrayList<>();
		for (int i = 0; i < resumes; i++) {
			streams.add(Recorder.record(handles.get(i % 2).events().subscribeOn(Schedulers.parallel())));
		}
		// Well within the interval at which an open stream checks its ownership (30 s with the default ttl).
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(streams.stream().filter((stream) -> !stream.isTerminated()))
				.as("live streams").hasSize(1));
		assertThat(a.localStreams() + b.localStreams()).isEqualTo(1);
		Recorder live = streams.stream().filter((stream) -> !stream.isTerminated()).findFirst().orElseThrow();
		a.send("s1", Message.of("after the storm")).block();
		live.awaitCount(1);
		assertThat(live.texts()).containsExactly("after the storm");
		assertThat(streams.stream().map(Recorder::error).filter(Objects::nonNull)).isEmpty();
	}

	@Test
	void streamWithoutLastIdContinuesAfterWhatTheEarlierStreamDelivered() {
		RedisStore a = this.stores.start("a");
		RedisStore b = this.stores.start("b");
		a.register(meta("s1")).block();
		Recorder first = Recorder.record(a.get("s1").block().events());
		a.send("s1", Message.of("m1")).block();
		first.awaitCount(1);
		first.cancel();
		b.send("s1", Message.of("m2")).block();
		awaitStreamWithoutIdDelivers(b, "s1", "m2");
	}

	@Test
	void ownerKeepsDeliveringAfterItsPubSubConnectionIsKilled() throws Exception {
		RedisStore a = this.stores.start("a");
		RedisStore b = this.stores.start("b");
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
	void unregisterOnOneInstanceEndsTheStreamOnAnother() {
		RedisStore a = this.stores.start("a");
		RedisStore b = this.stores.start("b");
		a.register(meta("s1")).block();
		Recorder stream = Recorder.record(a.get("s1").block().events());
		Connection onB = b.get("s1").block();
		b.unregister("s1").block();
		stream.awaitCompletion();
		assertThat(stream.isCompleted()).isTrue();
		for (RedisStore store : List.of(a, b)) {
			assertThatThrownBy(() -> store.get("s1").block()).isInstanceOf(SessionNotFoundException.class);
			assertThatThrownBy(() -> store.send("s1", Message.of("x")).block())
				.isInstanceOf(SessionNotFoundException.class);
		}
		assertThatThrownBy(() -> onB.send(Message.of("x")).block()).isInstanceOf(SessionNotFoundException.class);
		assertThat(a.list().collectList().block()).isEmpty();
	}

	@Test
	void streamOfAnUnregisteredSessionFailsWithNotFound() {
		RedisStore a = this.stores.start("a");
		Connection connection = a.register(meta("s1")).block();
		connection.close().block();
		assertThatThrownBy(() -> connection.events().blockFirst()).isInstanceOfSatisfying(
				SessionNotFoundException.class, (ex) -> assertThat(ex.getSessionId()).isEqualTo("s1"));
	}

	@Test
	void resumesRacingUnregisterAllEndWithoutError() {
		RedisStore a = this.stores.start("a");
		RedisStore b = this.stores.start("b");
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
		// Well within the interval at which an open stream checks its session (30 s with the default ttl).
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(streams.stream().filter((stream) -> !stream.isTerminated()))
				.as("streams still open").isEmpty());
		assertThat(streams.stream().map(Recorder::error).filter(Objects::nonNull))
			.allSatisfy((error) -> assertThat(error).isInstanceOf(SessionNotFoundException.class));
	}

	@Test
	void streamEndsWhenItsSessionIsLostFromRedis() {
		RedisStore a = this.stores.start("a");
		Recorder stream = Recorder.record(a.register(meta("s1")).block().events());
		a.send("s1", Message.of("m1")).block();
		stream.awaitCount(1);
		// As a restart without persistence does: the data is gone, and so is the pub/sub connection.
		redis.command("DEL", this.prefix + ":{s1}:meta", this.prefix + ":{s1}:log");
		redis.command("CLIENT", "KILL", "TYPE", "pubsub");
		await().atMost(Duration.ofSeconds(5)).until(stream::isTerminated);
		assertThat(stream.error()).isNull();
	}

	@Test
	void staleHandleNeverReachesASessionRegisteredAgainUnderTheSameId() {
		RedisStore a = this.stores.start("a");
		RedisStore b = this.stores.start("b");
		Connection registered = a.register(meta("s1")).block();
		Connection fetched = b.get("s1").block();
		a.unregister("s1").block();
		Connection fresh = b.register(meta("s1")).block();
		Recorder stream = Recorder.record(fresh.events());
		for (Connection stale : List.of(registered, fetched)) {
			assertThatThrownBy(() -> stale.send(Message.of("stale")).block())
				.isInstanceOf(SessionNotFoundException.class);
			assertThatThrownBy(() -> stale.events().blockFirst()).isInstanceOf(SessionNotFoundException.class);
			assertThatThrownBy(() -> stale.close().block()).isInstanceOf(SessionNotFoundException.class);
		}
		fresh.send(Message.of("fresh")).block();
		stream.awaitCount(1);
		assertThat(stream.texts()).containsExactly("fresh");
		assertThat(stream.isTerminated()).isFalse();
		assertThat(a.get("s1").block().meta().id()).isEqualTo("s1");
		assertThat(a.list().map((connection) -> connection.meta().id()).collectList().block()).containsExactly("s1");
	}

	@Test
	void closingAConnectionUnregistersTheSession() {
		RedisStore a = this.stores.start("a");
		Connection connection = a.register(meta("s1")).block();
		Recorder stream = Recorder.record(connection.events());
		connection.close().block();
		stream.awaitCompletion();
		assertThatThrownBy(() -> connection.send(Message.of("x")).block()).isInstanceOf(SessionNotFoundException.class);
	}

	@Test
	void idleSessionsExpireWhileActiveOnesStay() {
		RedisStore a = this.stores.start("a", (properties) -> properties.getRedis().setTtl(Duration.ofSeconds(2)));
		RedisStore b = this.stores.start("b", (properties) -> properties.getRedis().setTtl(Duration.ofSeconds(2)));
		a.register(meta("idle")).block();
		a.register(meta("streaming")).block();
		a.register(meta("sending")).block();
		Recorder stream = Recorder.record(a.get("streaming").block().events());
		AtomicInteger sent = new AtomicInteger();
		java.util.concurrent.atomic.AtomicReference<Throwable> senderFailure = new java.util.concurrent.atomic.AtomicReference<>();
		// Ticks that come while a send is still under way are dropped rather than failing the whole sender.
		var sender = reactor.core.publisher.Flux.interval(Duration.ofMillis(300))
			.onBackpressureDrop()
			.concatMap((tick) -> b.send("sending", Message.of("tick")).doOnSuccess((ok) -> sent.incrementAndGet()), 0)
			.subscribe(null, senderFailure::set);
		try {
			// list() is not activity, so polling it does not keep the idle session alive
			await().atMost(Duration.ofSeconds(15))
				.until(() -> a.list().map((c) -> c.meta().id()).collectList().block(), (ids) -> !ids.contains("idle"));
			assertThatThrownBy(() -> b.get("idle").block()).isInstanceOf(SessionNotFoundException.class);
			// for two more TTLs the active sessions stay
			await().during(Duration.ofSeconds(4))
				.atMost(Duration.ofSeconds(10))
				.until(() -> senderFailure.get() == null && a.list()
					.map((c) -> c.meta().id())
					.collectList()
					.block()
					.containsAll(List.of("streaming", "sending")));
			assertThat(b.get("streaming").block()).isNotNull();
			assertThat(sent.get()).isGreaterThan(5);
			assertThat(stream.isTerminated()).isFalse();
			// once the sends stop, that session expires too
			sender.dispose();
			await().atMost(Duration.ofSeconds(15))
				.until(() -> a.list().map((c) -> c.meta().id()).collectList().block(),
						(ids) -> !ids.contains("sending") && ids.contains("streaming"));
		}
		finally {
			sender.dispose();
		}
	}

	@Test
	void messageReachesOnlyTheInstanceOwningTheStream() {
		List<RedisStore> fleet = List.of(this.stores.start("i1"), this.stores.start("i2"), this.stores.start("i3"),
				this.stores.start("i4"));
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
		fleet.forEach((store) -> receipts.put(store.instanceId(), store.receivedMessages() - before.get(store.instanceId())));
		assertThat(receipts).containsEntry("i3", (long) messages)
			.containsEntry("i1", 0L)
			.containsEntry("i2", 0L)
			.containsEntry("i4", 0L);
	}

	@Test
	void garbageOnTheChannelIsIgnoredAndCounted() {
		RedisStore a = this.stores.start("a");
		RedisStore b = this.stores.start("b");
		Recorder stream = Recorder.record(a.register(meta("s1")).block().events());
		String channel = this.prefix + "_updates:a";
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
	void resumeFromAnIdOlderThanRetentionFlagsTheGapFirst() {
		RedisStore a = this.stores.start("a", (properties) -> properties.setRetention(10));
		a.register(meta("s1")).block();
		Recorder first = Recorder.record(a.get("s1").block().events());
		a.send("s1", Message.of("m0")).block();
		first.awaitCount(1);
		String oldId = first.ids().get(0);
		first.cancel();
		int total = 300;
		for (int i = 1; i < total; i++) {
			a.send("s1", Message.of("m" + i)).block();
		}
		Recorder resumed = Recorder.record(a.get("s1").block().events(oldId));
		resumed.awaitMatching((list) -> !list.isEmpty() && list.get(list.size() - 1).message().dataAsString()
			.equals("m" + (total - 1)), Duration.ofSeconds(20));
		Delivery gap = resumed.deliveries().get(0);
		assertThat(gap.isGap()).isTrue();
		assertThat(gap.id()).isEqualTo(oldId);
		assertThat(gap.message().event()).isEqualTo(Delivery.GAP_EVENT);
		List<String> rest = resumed.texts().subList(1, resumed.texts().size());
		assertThat(rest).hasSizeGreaterThanOrEqualTo(10).doesNotHaveDuplicates();
		assertThat(rest.get(rest.size() - 1)).isEqualTo("m" + (total - 1));
		assertThat(gap.message().dataAsString()).contains(resumed.ids().get(1));
		a.send("s1", Message.of("live")).block();
		resumed.awaitMatching((list) -> list.get(list.size() - 1).message().dataAsString().equals("live"),
				Duration.ofSeconds(10));
	}

	@Test
	void slowConsumerIsDisconnectedAndResumesWithoutLoss() {
		RedisStore a = this.stores.start("a", (properties) -> {
			properties.setBufferSize(16);
			properties.setRetention(1000);
		});
		a.register(meta("slow")).block();
		a.register(meta("other")).block();
		List<Delivery> received = new java.util.concurrent.CopyOnWriteArrayList<>();
		AtomicInteger errors = new AtomicInteger();
		java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
		// A subscriber that asks for one message and then never for more: it falls behind at once.
		a.get("slow").block().events().subscribe(new reactor.core.publisher.BaseSubscriber<Delivery>() {
			@Override
			protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {
				subscription.request(1);
			}

			@Override
			protected void hookOnNext(Delivery delivery) {
				received.add(delivery);
			}

			@Override
			protected void hookOnError(Throwable error) {
				errors.incrementAndGet();
				failure.set(error);
			}
		});
		Recorder other = Recorder.record(a.get("other").block().events());
		for (int i = 0; i < 200; i++) {
			a.send("slow", Message.of("m" + i)).block();
			a.send("other", Message.of("o" + i)).block();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> errors.get() == 1);
		assertThat(failure.get()).isInstanceOfSatisfying(SlowConsumerException.class,
				(ex) -> assertThat(ex.getLastDeliveredId()).isEqualTo(received.get(0).id()));
		other.awaitCount(200);
		assertThat(other.isTerminated()).isFalse();
		Recorder resumed = Recorder.record(a.get("slow").block().events(received.get(0).id()));
		resumed.awaitCount(199);
		assertThat(resumed.texts().get(0)).isEqualTo("m1");
		assertThat(resumed.texts().get(198)).isEqualTo("m199");
	}

	@Test
	void oversizedMessageIsRejected() {
		RedisStore a = this.stores.start("a", (properties) -> properties.setMaxMessageSize(
				org.springframework.util.unit.DataSize.ofBytes(100)));
		a.register(meta("s1")).block();
		assertThatThrownBy(() -> a.send("s1", new Message("x", new byte[101])).block())
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("101 bytes exceeds the limit of 100 bytes");
	}

	@Test
	void lastEventIdZeroReplaysFromTheStartOfRetention() {
		RedisStore a = this.stores.start("a");
		Connection connection = a.register(meta("s1")).block();
		Recorder first = Recorder.record(connection.events());
		a.send("s1", Message.of("m1")).block();
		a.send("s1", Message.of("m2")).block();
		first.awaitCount(2);
		Recorder replay = Recorder.record(connection.events("0"));
		replay.awaitCount(2);
		assertThat(replay.texts()).containsExactly("m1", "m2");
		assertThat(replay.deliveries()).noneMatch(Delivery::isGap);
	}

	@Test
	void subscribersAreNeverCalledWhileTheStreamHoldsItsLock() {
		RedisStore a = this.stores.start("a");
		a.register(meta("s1")).block();
		List<Boolean> heldLock = new java.util.concurrent.CopyOnWriteArrayList<>();
		AtomicInteger signals = new AtomicInteger();
		Runnable check = () -> {
			LiveStream stream = a.localStream("s1");
			heldLock.add(stream != null && Thread.holdsLock(stream));
			signals.incrementAndGet();
		};
		a.send("s1", Message.of("replayed")).block();
		a.get("s1").block().events().subscribe((delivery) -> check.run(), (error) -> check.run(), check);
		await().atMost(Duration.ofSeconds(10)).until(() -> signals.get() == 1);
		for (int i = 0; i < 20; i++) {
			a.send("s1", Message.of("live " + i)).block();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> signals.get() == 21);
		a.unregister("s1").block();
		await().atMost(Duration.ofSeconds(10)).until(() -> signals.get() == 22);
		assertThat(heldLock).hasSize(22).containsOnly(false);
	}

	@Test
	void invalidLastEventIdIsRejected() {
		RedisStore a = this.stores.start("a");
		Connection connection = a.register(meta("s1")).block();
		assertThatThrownBy(() -> connection.events("yesterday").blockFirst()).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("yesterday");
	}

	@Test
	void lastEventIdAfterTheLastMessageIsRejectedAndTakesNothingOver() {
		RedisStore a = this.stores.start("a");
		RedisStore b = this.stores.start("b");
		Connection connection = a.register(meta("s1")).block();
		Recorder live = Recorder.record(connection.events());
		a.send("s1", Message.of("m1")).block();
		live.awaitCount(1);
		Recorder future = Recorder.record(b.get("s1").block().events("9999999999999-0"));
		future.awaitCompletion();
		assertThat(future.error()).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("9999999999999-0")
			.hasMessageContaining("s1");
		a.send("s1", Message.of("m2")).block();
		live.awaitCount(2);
		assertThat(live.texts()).containsExactly("m1", "m2");
		assertThat(live.isTerminated()).isFalse();
	}

	@Test
	void forgedFramesCannotMoveTheDeliveredCursor() {
		RedisStore a = this.stores.start("a");
		RedisStore b = this.stores.start("b");
		Recorder stream = Recorder.record(a.register(meta("s1")).block().events());
		b.send("s1", Message.of("m1")).block();
		stream.awaitCount(1);
		String last = stream.ids().get(0);
		String channel = this.prefix + "_updates:a";
		// Well-formed frames following the last delivered message, with and without a (wrong) stream token.
		redis.command("PUBLISH", channel, "m\ns1\n" + last + "\n9999999999999-0\nmessage\nforged");
		redis.command("PUBLISH", channel, "m\ns1\nnot-the-token\n" + last + "\n9999999999999-1\nmessage\nforged");
		b.send("s1", Message.of("m2")).block();
		stream.awaitCount(2);
		assertThat(stream.texts()).containsExactly("m1", "m2");
		stream.cancel();
		b.send("s1", Message.of("m3")).block();
		// Without an id, the next stream continues after what the last one delivered: m3, once the cursor is saved.
		awaitStreamWithoutIdDelivers(b, "s1", "m3");
	}

	@Test
	void unreadableMetaFailsOnlyThatSessionNamingIt() {
		RedisStore a = this.stores.start("a");
		a.register(meta("s1")).block();
		a.register(meta("s2")).block();
		redis.command("HSET", this.prefix + ":{s1}:meta", "m", "{not json");
		assertThatThrownBy(() -> a.get("s1").block()).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("session 's1'")
			.hasMessageContaining("unreadable metadata");
		assertThat(a.get("s2").block().meta().id()).isEqualTo("s2");
		a.unregister("s1").block();
		assertThatThrownBy(() -> a.get("s1").block()).isInstanceOf(SessionNotFoundException.class);
	}

	@Test
	void keysOfTheWrongTypeFailOnlyThatSessionNamingIt() {
		RedisStore a = this.stores.start("a");
		a.register(meta("s1")).block();
		a.register(meta("s2")).block();
		redis.command("SET", this.prefix + ":{s1}:log", "not a stream");
		assertThatThrownBy(() -> a.send("s1", Message.of("m")).block()).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("session 's1'")
			.hasMessageContaining("WRONGTYPE");
		redis.command("DEL", this.prefix + ":{s1}:meta");
		redis.command("SET", this.prefix + ":{s1}:meta", "not a hash");
		assertThatThrownBy(() -> a.get("s1").block()).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("session 's1'");
		a.send("s2", Message.of("m")).block();
		a.unregister("s1").block();
		assertThatThrownBy(() -> a.get("s1").block()).isInstanceOf(SessionNotFoundException.class);
	}

	@Test
	void garbageInTheLastIdFieldDoesNotStallDelivery() {
		RedisStore a = this.stores.start("a");
		RedisStore b = this.stores.start("b");
		Recorder stream = Recorder.record(a.register(meta("s1")).block().events());
		b.send("s1", Message.of("m1")).block();
		stream.awaitCount(1);
		redis.command("HSET", this.prefix + ":{s1}:meta", "l", "garbage");
		b.send("s1", Message.of("m2")).block();
		b.send("s1", Message.of("m3")).block();
		stream.awaitCount(3);
		assertThat(stream.texts()).containsExactly("m1", "m2", "m3");
	}

	@Test
	void garbageInTheDeliveredCursorFailsTheResumeNamingTheSession() {
		RedisStore a = this.stores.start("a");
		Connection connection = a.register(meta("s1")).block();
		redis.command("HSET", this.prefix + ":{s1}:meta", "c", "garbage");
		Recorder stream = Recorder.record(connection.events());
		stream.awaitCompletion();
		assertThat(stream.error()).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("session 's1'")
			.hasMessageContaining("garbage");
	}

	@Test
	void damagedLogEndsTheLiveStreamWithAnErrorInsteadOfStalling() {
		RedisStore a = this.stores.start("a");
		Recorder stream = Recorder.record(a.register(meta("s1")).block().events());
		a.send("s1", Message.of("m1")).block();
		stream.awaitCount(1);
		redis.command("DEL", this.prefix + ":{s1}:log");
		redis.command("SET", this.prefix + ":{s1}:log", "not a stream");
		// A reconnect makes the stream catch up from the log, which it cannot read any more.
		redis.command("CLIENT", "KILL", "TYPE", "pubsub");
		stream.awaitCompletion();
		assertThat(stream.error()).isInstanceOf(IllegalStateException.class).hasMessageContaining("session 's1'");
	}

	@Test
	void closedStoreRejectsOperationsAndCompletesItsStreams() {
		RedisStore a = this.stores.start("a");
		Recorder stream = Recorder.record(a.register(meta("s1")).block().events());
		a.send("s1", Message.of("m1")).block();
		stream.awaitCount(1);
		a.close();
		stream.awaitCompletion();
		assertThatThrownBy(() -> a.get("s1").block()).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("closed");
		a.close();
	}

	/**
	 * Waits until a stream opened without a last event id delivers exactly the given message, which it does
	 * once the previous stream's end has saved the session's delivered cursor.
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
