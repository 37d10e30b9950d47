package com.myunla.gateway.session.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.SessionNotFoundException;
import com.myunla.gateway.session.StoreUnavailableException;
import com.myunla.gateway.session.testsupport.RedisCluster;
import com.myunla.gateway.session.testsupport.RedisNode;
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
 * {@link RedisStore} on a real Redis Cluster of three masters and three replicas:
 * sessions across all slots, failover, slot migration. The core areas of the contract kit
 * (module {@code session-store-kit}) run on a cluster too. No command of any store
 * operation is refused: a cluster may refuse a script's access to keys of two slots
 * (managed ones do, whatever the script declares; Redis 7.0 does for a script with a
 * shebang, which every script of the store has), also the channel of a {@code SPUBLISH},
 * which {@code send.lua} calls with {@code pcall}; Redis counts each refusal.
 */
@RequiresRedis
class RedisStoreClusterTests {

	private static final Pattern REJECTED = Pattern.compile("rejected_calls=(\\d+)");

	private static final Duration TTL = Duration.ofSeconds(1);

	private static final int MESSAGES = 6;

	private static RedisCluster cluster;

	@BeforeAll
	static void startCluster() {
		cluster = RedisCluster.start();
	}

	@AfterAll
	static void stopCluster() {
		if (cluster != null) {
			cluster.close();
		}
	}

	private static RedisStores stores(String prefix) {
		return new RedisStores((builder) -> {
			builder.mode(RedisMode.CLUSTER);
			builder.addresses(cluster.seedAddresses());
			builder.prefix(prefix);
			builder.topic(prefix + "_updates");
		});
	}

	@Test
	void sessionsAcrossAllSlotsReceiveEverythingExactlyOnceInOrder() throws Exception {
		try (RedisStores stores = stores("c1")) {
			RedisStore a = stores.start("a");
			RedisStore b = stores.start("b");
			// what the health indicator reports
			assertThat(a.mode()).isEqualTo(RedisMode.CLUSTER);
			assertThat(a.target()).startsWith("cluster mode, seed nodes ");
			int sessions = 200;
			Map<String, Recorder> streams = new HashMap<>();
			Set<String> masters = new HashSet<>();
			for (int i = 0; i < sessions; i++) {
				String id = "session-" + i;
				a.register(RedisStoreTests.meta(id)).block();
				streams.put(id, Recorder.record(a.get(id).block().events()));
				masters.add(cluster.masterForKey("c1:{" + id + "}:meta").address());
			}
			assertThat(masters).as("sessions spread over every master").hasSize(3);
			int senders = 8;
			int perSenderAndSession = 5;
			ExecutorService pool = Executors.newFixedThreadPool(senders);
			try {
				List<CompletableFuture<Void>> done = new ArrayList<>();
				for (int s = 0; s < senders; s++) {
					int sender = s;
					done.add(CompletableFuture.runAsync(() -> {
						for (int i = 0; i < perSenderAndSession; i++) {
							for (int n = 0; n < sessions; n++) {
								b.send("session-" + n, Message.of("data", sender + ":" + i)).block();
							}
						}
					}, pool));
				}
				CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
			}
			finally {
				pool.shutdownNow();
			}
			for (Recorder stream : streams.values()) {
				stream.awaitCount(senders * perSenderAndSession);
				RedisStoreTests.assertExactlyOnceInSenderOrder(stream.texts(), senders, perSenderAndSession);
				RedisStoreTests.assertIncreasing(stream.ids());
			}
			assertThat(a.list().count().block()).isEqualTo(sessions);
		}
	}

	@Test
	void deliveryResumesAfterTheMasterOfTheSessionsSlotIsKilled() throws Exception {
		try (RedisCluster own = RedisCluster.builder().nodeTimeout(Duration.ofSeconds(2)).start();
				RedisStores stores = new RedisStores((builder) -> {
					builder.mode(RedisMode.CLUSTER);
					builder.addresses(own.seedAddresses());
					builder.commandTimeout(Duration.ofSeconds(2));
				})) {
			RedisStore a = stores.start("a");
			RedisStore b = stores.start("b");
			a.register(RedisStoreTests.meta("s1")).block();
			Recorder stream = Recorder.record(a.get("s1").block().events());
			b.send("s1", Message.of("0")).block();
			stream.awaitCount(1);
			RedisNode master = own.masterForKey("session:{s1}:meta");
			// Let the replica catch up with the session's writes before its master dies.
			awaitReplicated(own, master);
			master.kill();
			List<Integer> acknowledged = sendWhileFailingOver(b, "s1", 20);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> stream.texts().containsAll(acknowledged.stream().map(String::valueOf).toList()));
			List<Integer> delivered = stream.messageTexts().stream().map(Integer::valueOf).toList();
			assertThat(delivered).isSorted().doesNotHaveDuplicates();
			assertThat(stream.isTerminated()).isFalse();
		}
	}

	@Test
	void aReadWaitingOnAMasterThatDiedIsSentAgainToTheReplicaThatTookItsPlace() {
		try (RedisCluster own = RedisCluster.builder().nodeTimeout(Duration.ofSeconds(2)).start();
				RedisStores stores = new RedisStores(
						(builder) -> builder.mode(RedisMode.CLUSTER).addresses(own.seedAddresses()))) {
			// a command sent to the master that dies waits this long for its reply
			RedisStore a = stores.start("a", (builder) -> builder.commandTimeout(Duration.ofSeconds(60)));
			RedisStore b = stores.start("b", (builder) -> builder.commandTimeout(Duration.ofSeconds(2)));
			a.register(RedisStoreTests.meta("s1")).block();
			Recorder stream = Recorder.record(a.get("s1").block().events());
			b.send("s1", Message.of("0")).block();
			stream.awaitCount(1);
			RedisNode master = own.masterForKey("session:{s1}:meta");
			awaitReplicated(own, master);
			master.kill();
			// the stream reads its log now, from the master that died: the read waits
			a.channel().catchUpLater();
			a.channel().catchUpIfNeeded();
			sendWhileFailingOver(b, "s1", 1);
			// well before the read sent to the dead master would time out
			await().atMost(Duration.ofSeconds(30)).until(() -> stream.texts().contains("1"));
			assertThat(stream.texts()).containsExactly("0", "1");
		}
	}

	@Test
	void operationsFailAsUnavailableWhileTheClusterIsDown() {
		try (RedisCluster own = RedisCluster.builder().nodeTimeout(Duration.ofSeconds(1)).start();
				RedisStores stores = new RedisStores((builder) -> {
					builder.mode(RedisMode.CLUSTER);
					builder.addresses(own.seedAddresses());
					builder.commandTimeout(Duration.ofSeconds(2));
				})) {
			RedisStore a = stores.start("a");
			a.register(RedisStoreTests.meta("s1")).block();
			RedisNode alive = own.masterForKey("session:{s1}:meta");
			RedisNode dead = own.masters().stream().filter((master) -> master != alive).findFirst().orElseThrow();
			RedisNode deadReplica = own.replicas()
				.stream()
				.filter((replica) -> replication(replica, "master_port").equals(Integer.toString(dead.port())))
				.findFirst()
				.orElseThrow();
			// A master and its replica gone: some slots have no server, and the whole
			// cluster answers CLUSTERDOWN.
			deadReplica.kill();
			dead.kill();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> alive.command("CLUSTER", "INFO").contains("cluster_state:fail"));
			assertThatThrownBy(() -> a.get("s1").block()).isInstanceOf(StoreUnavailableException.class)
				.hasMessageContaining("CLUSTERDOWN");
			assertThatThrownBy(() -> a.send("s1", Message.of("m")).block())
				.isInstanceOf(StoreUnavailableException.class)
				.hasMessageContaining("CLUSTERDOWN");
			assertThatThrownBy(() -> a.get("s1").block()).isInstanceOf(StoreUnavailableException.class);
			assertThatThrownBy(() -> a.register(RedisStoreTests.meta("s2")).block())
				.isInstanceOf(StoreUnavailableException.class);
		}
	}

	@Test
	void halfMigratedSlotIsRetriedUntilTheMigrationCompletes() throws Exception {
		try (RedisStores stores = stores("c3")) {
			RedisStore a = stores.start("a", (builder) -> builder.commandTimeout(Duration.ofSeconds(5)));
			a.register(RedisStoreTests.meta("m1")).block();
			a.send("m1", Message.of("before")).block();
			int slot = cluster.slot("c3:{m1}:meta");
			RedisNode source = cluster.masterForSlot(slot);
			RedisNode target = cluster.masters()
				.stream()
				.filter((master) -> master != source)
				.findFirst()
				.orElseThrow();
			String sourceId = source.command("CLUSTER", "MYID").trim();
			String targetId = target.command("CLUSTER", "MYID").trim();
			target.command("CLUSTER", "SETSLOT", Integer.toString(slot), "IMPORTING", sourceId);
			source.command("CLUSTER", "SETSLOT", Integer.toString(slot), "MIGRATING", targetId);
			// One of the session's two keys moved, the other not yet, as a resharding
			// tool leaves them for a while.
			source.command("MIGRATE", target.host(), Integer.toString(target.port()), "c3:{m1}:log", "0", "5000");
			assertThatThrownBy(() -> a.get("m1").block()).isInstanceOf(StoreUnavailableException.class)
				.hasMessageContaining("TRYAGAIN");
			long rejected = tryAgainCount(source);
			CompletableFuture<Void> sent = a.send("m1", Message.of("during")).toFuture();
			await().atMost(Duration.ofSeconds(3)).until(() -> tryAgainCount(source) > rejected);
			source.command("MIGRATE", target.host(), Integer.toString(target.port()), "c3:{m1}:meta", "0", "5000");
			for (RedisNode master : List.of(target, source)) {
				master.command("CLUSTER", "SETSLOT", Integer.toString(slot), "NODE", targetId);
			}
			sent.get(10, TimeUnit.SECONDS);
			Recorder stream = Recorder.record(a.get("m1").block().events("0-0"));
			stream.awaitCount(2);
			assertThat(stream.texts()).containsExactly("before", "during");
		}
	}

	private static long tryAgainCount(RedisNode node) {
		for (String line : node.command("INFO", "errorstats").split("\\R")) {
			if (line.startsWith("errorstat_TRYAGAIN:count=")) {
				return Long.parseLong(line.substring("errorstat_TRYAGAIN:count=".length()).split(",")[0].trim());
			}
		}
		return 0;
	}

	/**
	 * Waits until a replica of the master has everything the master wrote so far.
	 */
	@Test
	void theClusterRefusesAndCountsAScriptThatReachesAnotherSlot() {
		RedisNode node = cluster.masters().get(0);
		int slot = RedisStoreShardedPubSubTests.lowestSlot(node);
		String key = "strict:{" + ShardRouting.tag(slot) + "}";
		String channel = "strict:{" + ShardRouting.tag(slot + 1) + "}";
		long before = rejectedCalls();
		String reply = node.command("EVAL", "#!lua\nreturn redis.pcall('SPUBLISH', ARGV[1], 'x').err", "1", key,
				channel);
		assertThat(reply).contains("do not hash to the same slot");
		assertThat(rejectedCalls() - before).isEqualTo(1);
	}

	@Test
	void noCommandOfAnyStoreOperationIsRefused() {
		long before = rejectedCalls();
		try (RedisStores stores = new RedisStores((builder) -> {
			builder.mode(RedisMode.CLUSTER);
			builder.addresses(cluster.seedAddresses());
			builder.prefix("strict");
			builder.topic("strict_updates");
		})) {
			RedisStore a = stores.start("a", (builder) -> builder.ttl(TTL));
			RedisStore b = stores.start("b", (builder) -> builder.ttl(TTL));
			// two sessions in one slot (they share send calls and stream checks), one in
			// another
			List<String> ids = new ArrayList<>(List.of("t0"));
			for (int n = 1; ids.size() < 2; n++) {
				if (SlotHash.getSlot("t" + n) == SlotHash.getSlot("t0")) {
					ids.add("t" + n);
				}
			}
			ids.add("u0");
			List<Recorder> streams = new ArrayList<>();
			for (String id : ids) {
				a.register(RedisStoreTests.meta(id)).block();
				streams.add(Recorder.record(a.get(id).block().events()));
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> a.localStreams() == ids.size());
			Flux.range(0, MESSAGES * ids.size())
				.flatMap((i) -> b.send(ids.get(i % ids.size()), Message.of(Integer.toString(i))), 8)
				.blockLast();
			streams.forEach((stream) -> stream.awaitCount(MESSAGES));
			assertThat(a.list().count().block()).isEqualTo(ids.size());
			// the open streams keep their sessions alive beyond the ttl
			await().during(TTL.multipliedBy(3)).atMost(TTL.multipliedBy(5)).until(() -> a.localStreams() == ids.size());
			// a resume on the other instance replays the log and takes the stream over
			Recorder resumed = Recorder.record(b.get(ids.get(0)).block().events(streams.get(0).ids().get(0)));
			streams.get(0).awaitCompletion();
			resumed.awaitCount(MESSAGES - 1);
			a.send(ids.get(0), Message.of("last")).block();
			resumed.awaitCount(MESSAGES);
			a.unregister(ids.get(0)).block();
			resumed.awaitCompletion();
			b.unregister(ids.get(1)).block();
			streams.get(1).awaitCompletion();
			assertThatThrownBy(() -> a.get(ids.get(1)).block()).isInstanceOf(SessionNotFoundException.class);
			assertThat(a.isSubscriptionHealthy()).isTrue();
		}
		assertThat(rejectedCalls() - before).isZero();
	}

	/**
	 * Sums the commands every node refused ({@code rejected_calls} in
	 * {@code INFO commandstats}), cross-slot access from a script among them.
	 */
	private static long rejectedCalls() {
		long sum = 0;
		for (RedisNode node : cluster.nodes()) {
			if (!node.isRunning()) {
				continue;
			}
			Matcher matcher = REJECTED.matcher(node.command("INFO", "commandstats"));
			while (matcher.find()) {
				sum += Long.parseLong(matcher.group(1));
			}
		}
		return sum;
	}

	/**
	 * Sends the messages numbered from 1 to a session until the given number of them were
	 * acknowledged, while a replica takes over: a send that fails gives its number to the
	 * next.
	 */
	private static List<Integer> sendWhileFailingOver(RedisStore store, String id, int count) {
		List<Integer> acknowledged = new CopyOnWriteArrayList<>();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
			int next = acknowledged.size() + 1;
			try {
				store.send(id, Message.of(Integer.toString(next))).block();
				acknowledged.add(next);
			}
			catch (RuntimeException ex) {
				// not acknowledged while the replica takes over
			}
			return acknowledged.size() >= count;
		});
		return acknowledged;
	}

	static void awaitReplicated(RedisCluster cluster, RedisNode master) {
		long written = Long.parseLong(replication(master, "master_repl_offset"));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> cluster.replicas()
				.stream()
				.filter((replica) -> replication(replica, "master_port").equals(Integer.toString(master.port())))
				.anyMatch((replica) -> Long.parseLong(replication(replica, "slave_repl_offset")) >= written));
	}

	private static String replication(RedisNode node, String field) {
		for (String line : node.command("INFO", "replication").split("\\R")) {
			if (line.startsWith(field + ":")) {
				return line.substring(field.length() + 1).trim();
			}
		}
		return "";
	}

}
