package com.myunla.gateway.session.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.myunla.gateway.session.SessionNotFoundException;
import com.myunla.gateway.session.testsupport.RedisCluster;
import com.myunla.gateway.session.testsupport.RedisNode;
import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The periodic check of a {@link RedisStore}'s open streams, which covers many streams
 * per Redis call: open streams keep their sessions alive past the ttl, and a stream whose
 * session was removed or taken over without the control frame reaching it ends. On a
 * single Redis and on a Redis Cluster of three masters, with more streams than one call
 * covers.
 */
@RequiresRedis
class RedisStoreStreamCheckTests {

	private static final Duration TTL = Duration.ofSeconds(1);

	private static final int STREAMS = Housekeeping.TOUCH_BATCH + 100;

	private static final Pattern EVALSHA_CALLS = Pattern.compile("^cmdstat_evalsha:calls=(\\d+)", Pattern.MULTILINE);

	private static RedisSingle single;

	private static RedisCluster cluster;

	@BeforeAll
	static void startRedis() {
		single = RedisSingle.start();
		cluster = RedisCluster.start();
	}

	@AfterAll
	static void stopRedis() {
		if (single != null) {
			single.close();
		}
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void openStreamsKeepTheirSessionsAliveOnSingleRedis() {
		String prefix = prefix();
		try (RedisStores stores = singleStores(prefix)) {
			openStreamsKeepTheirSessionsAlive(stores, List.of(single.node()), ids());
		}
	}

	@Test
	void openStreamsKeepTheirSessionsAliveOnCluster() {
		String prefix = prefix();
		try (RedisStores stores = clusterStores(prefix)) {
			// one script call reaches the sessions of one slot
			openStreamsKeepTheirSessionsAlive(stores, cluster.masters(), idsInFourSlots());
		}
	}

	@Test
	void streamOfAVanishedOrTakenSessionEndsOnSingleRedis() {
		String prefix = prefix();
		try (RedisStores stores = singleStores(prefix)) {
			streamOfAVanishedOrTakenSessionEnds(stores, prefix, (key) -> single.node());
		}
	}

	@Test
	void streamOfAVanishedOrTakenSessionEndsOnCluster() {
		String prefix = prefix();
		try (RedisStores stores = clusterStores(prefix)) {
			streamOfAVanishedOrTakenSessionEnds(stores, prefix, cluster::masterForKey);
		}
	}

	private static void openStreamsKeepTheirSessionsAlive(RedisStores stores, List<RedisNode> masters,
			List<String> ids) {
		RedisStore a = stores.start("a", (builder) -> builder.ttl(TTL));
		a.register(RedisStoreTests.meta("idle")).block();
		List<Recorder> streams = openStreams(a, ids);
		// The session without a stream expires (listing is not activity); three ttls
		// later every streamed one is still there.
		await().atMost(Duration.ofSeconds(15)).until(() -> !listed(a).contains("idle"));
		assertThatThrownBy(() -> a.get("idle").block()).isInstanceOf(SessionNotFoundException.class);
		long scriptCalls = scriptCalls(masters);
		long until = System.nanoTime() + TTL.multipliedBy(3).toNanos();
		await().atMost(Duration.ofSeconds(10)).until(() -> System.nanoTime() > until);
		// About nine checks of all streams, each a few calls (per node or slot, per
		// batch), not one call per stream.
		assertThat(scriptCalls(masters) - scriptCalls).isLessThan(STREAMS);
		assertThat(streams).noneMatch(Recorder::isTerminated);
		assertThat(a.localStreams()).isEqualTo(STREAMS);
		assertThat(listed(a)).containsAll(ids);
	}

	private static void streamOfAVanishedOrTakenSessionEnds(RedisStores stores, String prefix,
			Function<String, RedisNode> nodeForKey) {
		RedisStore a = stores.start("a", (builder) -> builder.ttl(TTL));
		List<String> ids = ids();
		List<Recorder> streams = openStreams(a, ids);
		// Changed behind the store's back, as if the unregister or takeover frame had
		// been lost.
		String vanished = ids.get(0);
		String taken = ids.get(STREAMS - 1);
		String vanishedMeta = prefix + ":{" + vanished + "}:meta";
		nodeForKey.apply(vanishedMeta).command("DEL", vanishedMeta, prefix + ":{" + vanished + "}:log");
		String takenMeta = prefix + ":{" + taken + "}:meta";
		nodeForKey.apply(takenMeta).command("HSET", takenMeta, "t", "another-stream");
		await().atMost(Duration.ofSeconds(15))
			.until(() -> streams.get(0).isCompleted() && streams.get(STREAMS - 1).isCompleted());
		assertThat(streams.subList(1, STREAMS - 1)).noneMatch(Recorder::isTerminated);
		assertThat(a.localStreams()).isEqualTo(STREAMS - 2);
	}

	private static List<String> ids() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < STREAMS; i++) {
			ids.add("s" + i);
		}
		return ids;
	}

	/**
	 * Returns ids of sessions in four slots, spread over the masters.
	 */
	private static List<String> idsInFourSlots() {
		List<String> ids = new ArrayList<>();
		for (int n = 0; ids.size() < STREAMS; n++) {
			if (SlotHash.getSlot("s" + n) % 4096 == 0) {
				ids.add("s" + n);
			}
		}
		return ids;
	}

	/**
	 * Registers the sessions and opens their streams, each right after its registration,
	 * so that none expires before its stream holds it.
	 */
	private static List<Recorder> openStreams(RedisStore store, List<String> ids) {
		List<Recorder> streams = Flux.fromIterable(ids)
			.flatMapSequential((id) -> store.register(RedisStoreTests.meta(id))
				.map((connection) -> Recorder.record(connection.events())), 32)
			.collectList()
			.block();
		await().atMost(Duration.ofSeconds(30)).until(() -> store.localStreams() == ids.size());
		return streams;
	}

	private static long scriptCalls(List<RedisNode> nodes) {
		long calls = 0;
		for (RedisNode node : nodes) {
			Matcher matcher = EVALSHA_CALLS.matcher(node.command("INFO", "commandstats"));
			calls += matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
		}
		return calls;
	}

	private static Set<String> listed(RedisStore store) {
		return new HashSet<>(store.list().map((connection) -> connection.meta().id()).collectList().block());
	}

	private static String prefix() {
		return "sc" + ThreadLocalRandom.current().nextInt(1_000_000);
	}

	private static RedisStores singleStores(String prefix) {
		return new RedisStores((builder) -> {
			builder.addresses(single.address());
			builder.prefix(prefix);
			builder.topic(prefix + "_updates");
		});
	}

	private static RedisStores clusterStores(String prefix) {
		return new RedisStores((builder) -> {
			builder.mode(RedisMode.CLUSTER);
			builder.addresses(cluster.seedAddresses());
			builder.prefix(prefix);
			builder.topic(prefix + "_updates");
		});
	}

}
