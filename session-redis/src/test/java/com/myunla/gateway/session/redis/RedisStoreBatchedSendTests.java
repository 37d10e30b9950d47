package com.myunla.gateway.session.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.SessionNotFoundException;
import com.myunla.gateway.session.StoreUnavailableException;
import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link RedisStore}'s sends that share a script call: sends made while a call is in
 * flight (here: while Redis is paused) go out together, and each still gets its own
 * outcome, is stored once and keeps its order among the sends to its session.
 */
@RequiresRedis
class RedisStoreBatchedSendTests {

	private static final Pattern EVALSHA_CALLS = Pattern.compile("cmdstat_evalsha:calls=(\\d+)");

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
	void createStores() {
		this.prefix = "b" + ThreadLocalRandom.current().nextInt(1_000_000);
		this.stores = new RedisStores((builder) -> {
			builder.addresses(redis.address());
			builder.prefix(this.prefix);
			builder.topic(this.prefix + "_updates");
		});
	}

	@AfterEach
	void closeStores() {
		redis.node().resume();
		redis.command("CONFIG", "SET", "maxmemory", "0");
		this.stores.close();
	}

	@Test
	void concurrentSendsToManySessionsShareCallsAndAreDeliveredOnceInOrder() {
		RedisStore owner = this.stores.start("a");
		RedisStore sender = this.stores.start("b");
		int sessions = 20;
		int perSession = 10;
		List<Recorder> streams = new ArrayList<>();
		for (int s = 0; s < sessions; s++) {
			owner.register(RedisStoreTests.meta("s" + s)).block();
			Recorder stream = Recorder.record(owner.get("s" + s).block().events());
			// a message that arrives proves the stream has taken ownership
			sender.send("s" + s, Message.of("warm-up")).block();
			stream.awaitCount(1);
			streams.add(stream);
		}
		long callsBefore = evalshaCalls();
		sendAllWhilePaused(sessions * perSession,
				(i) -> sender.send("s" + (i % sessions), Message.of("0:" + (i / sessions))));
		for (Recorder stream : streams) {
			stream.awaitCount(1 + perSession);
			RedisStoreTests.assertExactlyOnceInSenderOrder(stream.texts().subList(1, stream.texts().size()), 1,
					perSession);
		}
		// 200 sends: one alone, the others in calls of at most 32 (and a few calls of
		// the owner's periodic stream checks)
		assertThat(evalshaCalls() - callsBefore).isLessThanOrEqualTo(10);
	}

	@Test
	void concurrentSendsToOneSessionAreStoredOnceInTheOrderTheyWereMade() {
		// a retention that keeps every message sent, so that the log shows them all
		RedisStore store = this.stores.start("a", (builder) -> builder.retention(1000));
		store.register(RedisStoreTests.meta("s1")).block();
		store.send("s1", Message.of("warm-up")).block();
		int messages = 300;
		sendAllWhilePaused(messages, (i) -> store.send("s1", Message.of("0:" + i)));
		List<String> stored = storedTexts("s1");
		RedisStoreTests.assertExactlyOnceInSenderOrder(stored.subList(1, stored.size()), 1, messages);
	}

	@Test
	void goneOrDamagedSessionInABatchFailsOnlyItsOwnSend() {
		RedisStore store = this.stores.start("a");
		for (String id : List.of("s1", "s2", "damaged")) {
			store.register(RedisStoreTests.meta(id)).block();
		}
		store.send("s1", Message.of("warm-up")).block();
		redis.command("DEL", this.prefix + ":{damaged}:log");
		redis.command("SET", this.prefix + ":{damaged}:log", "not a stream");
		List<CompletableFuture<Void>> sends = new ArrayList<>();
		redis.node().pause();
		try {
			for (String id : List.of("s1", "s1", "gone", "s2", "damaged", "s1")) {
				sends.add(store.send(id, Message.of("to " + id)).toFuture());
			}
		}
		finally {
			redis.node().resume();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> sends.stream().allMatch(CompletableFuture::isDone));
		assertThat(sends.get(0)).isCompleted();
		assertThat(sends.get(1)).isCompleted();
		assertThat(sends.get(2)).isCompletedExceptionally();
		assertThat(sends.get(2).handle((done, error) -> error).join()).isInstanceOf(SessionNotFoundException.class);
		assertThat(sends.get(3)).isCompleted();
		assertThat(sends.get(4).handle((done, error) -> error).join()).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("session 'damaged'")
			.hasMessageContaining("WRONGTYPE");
		assertThat(sends.get(5)).isCompleted();
		assertThat(storedTexts("s1")).containsExactly("warm-up", "to s1", "to s1", "to s1");
		assertThat(storedTexts("s2")).containsExactly("to s2");
	}

	@Test
	void batchRefusedByRedisIsRetriedAndStoredOnce() {
		RedisStore store = this.stores.start("a");
		store.register(RedisStoreTests.meta("s1")).block();
		store.send("s1", Message.of("warm-up")).block();
		long refusedBefore = oomErrors();
		// Redis refuses every script that may write (OOM) while it is over its memory
		// limit, before running it
		redis.command("CONFIG", "SET", "maxmemory", "1");
		CompletableFuture<List<Void>> sent;
		try {
			sent = Flux.range(0, 50)
				.flatMap((i) -> store.send("s1", Message.of("0:" + i)), 50)
				.collectList()
				.toFuture();
			await().atMost(Duration.ofSeconds(10)).until(() -> oomErrors() > refusedBefore);
		}
		finally {
			redis.command("CONFIG", "SET", "maxmemory", "0");
		}
		await().atMost(Duration.ofSeconds(30)).until(sent::isDone);
		assertThat(sent).isCompleted();
		List<String> stored = storedTexts("s1");
		RedisStoreTests.assertExactlyOnceInSenderOrder(stored.subList(1, stored.size()), 1, 50);
	}

	@Test
	void batchWhoseOutcomeIsUnknownFailsItsSendsWithoutSendingThemAgain() {
		RedisStore store = this.stores.start("a", (builder) -> builder.commandTimeout(Duration.ofMillis(500)));
		store.register(RedisStoreTests.meta("s1")).block();
		store.send("s1", Message.of("warm-up")).block();
		List<CompletableFuture<Void>> sends;
		redis.node().pause();
		try {
			sends = IntStream.range(0, 20).mapToObj((i) -> store.send("s1", Message.of("m" + i)).toFuture()).toList();
			await().atMost(Duration.ofSeconds(30)).until(() -> sends.stream().allMatch(CompletableFuture::isDone));
		}
		finally {
			redis.node().resume();
		}
		for (CompletableFuture<Void> send : sends) {
			assertThat(send.handle((done, error) -> error).join()).isInstanceOf(StoreUnavailableException.class);
		}
		// Redis runs what was written to it once it resumes: at most once each
		store.send("s1", Message.of("after")).block();
		List<String> stored = storedTexts("s1");
		assertThat(stored).doesNotHaveDuplicates().startsWith("warm-up").endsWith("after");
	}

	@Test
	void sendQueuedBehindACallFailsWithinItsOwnCommandTimeout() {
		Duration timeout = Duration.ofSeconds(2);
		RedisStore store = this.stores.start("a", (builder) -> builder.commandTimeout(timeout));
		store.register(RedisStoreTests.meta("s1")).block();
		store.send("s1", Message.of("warm-up")).block();
		long[] failedAt = new long[2];
		CompletableFuture<Void> ahead;
		CompletableFuture<Void> queued;
		redis.node().pause();
		try {
			// The first goes out alone and hangs; the second queues behind its call
			ahead = store.send("s1", Message.of("ahead"))
				.doOnError((error) -> failedAt[0] = System.nanoTime())
				.toFuture();
			queued = store.send("s1", Message.of("queued"))
				.doOnError((error) -> failedAt[1] = System.nanoTime())
				.toFuture();
			await().atMost(Duration.ofSeconds(30)).until(() -> ahead.isDone() && queued.isDone());
		}
		finally {
			redis.node().resume();
		}
		assertThat(ahead.handle((done, error) -> error).join()).isInstanceOf(StoreUnavailableException.class);
		assertThat(queued.handle((done, error) -> error).join()).isInstanceOf(StoreUnavailableException.class);
		// A queued send that waits for the call ahead to fail and then for a call of its
		// own fails a whole command timeout after the call ahead, never sooner (a
		// timeout does not fire early). Bounded from its own subscription, it fails
		// about when the call ahead does: the two were subscribed one after the other
		assertThat(Duration.ofNanos(failedAt[1] - failedAt[0])).isLessThan(timeout);
	}

	/**
	 * Subscribes to sends in order from this thread while Redis is paused, so that the
	 * first goes out alone and the others queue behind it, then resumes Redis and waits
	 * until every send succeeded.
	 */
	private static void sendAllWhilePaused(int count, IntFunction<Mono<Void>> send) {
		CompletableFuture<List<Void>> sent;
		redis.node().pause();
		try {
			sent = Flux.range(0, count).flatMap(send::apply, count).collectList().toFuture();
		}
		finally {
			redis.node().resume();
		}
		await().atMost(Duration.ofSeconds(30)).until(sent::isDone);
		assertThat(sent).isCompleted();
	}

	private List<String> storedTexts(String id) {
		String[] fields = redis.command("XRANGE", this.prefix + ":{" + id + "}:log", "-", "+").split("\n");
		List<String> texts = new ArrayList<>();
		// each entry: id, then the fields p, <previous>, e, <event>, d, <data>
		for (int i = 0; i + 6 < fields.length; i += 7) {
			texts.add(fields[i + 6]);
		}
		return texts;
	}

	private static long evalshaCalls() {
		Matcher matcher = EVALSHA_CALLS.matcher(redis.command("INFO", "commandstats"));
		return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
	}

	private static long oomErrors() {
		return Arrays.stream(redis.command("INFO", "errorstats").split("\r?\n"))
			.filter((line) -> line.startsWith("errorstat_OOM:count="))
			.mapToLong((line) -> Long.parseLong(line.substring("errorstat_OOM:count=".length()).trim()))
			.sum();
	}

}
