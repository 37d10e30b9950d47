package com.myunla.gateway.session.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.testsupport.RedisCluster;
import com.myunla.gateway.session.testsupport.RedisNode;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import io.lettuce.core.ScriptOutputType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link RedisStore} on a real Redis Cluster of three masters and three replicas: a
 * message is published on a shard channel of the master serving the session, so that it
 * crosses no cluster-bus link beyond that shard, also after a failover and a resharding,
 * without losing or repeating a message while the subscriptions move.
 */
@RequiresRedis
class RedisStoreShardedPubSubTests {

	private static final Pattern PUBLISH_SENT = Pattern.compile("^cluster_stats_messages_publish_sent:(\\d+)",
			Pattern.MULTILINE);

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

	@Test
	void messagesCrossNoClusterBusLinkBeyondTheirShard() {
		try (RedisStores stores = stores(cluster, "sh1")) {
			// no liveness probe of the classic channels while counting
			Consumer<RedisStoreBuilder> rareProbes = (builder) -> builder.probeInterval(Duration.ofMinutes(5));
			RedisStore a = stores.start("a", rareProbes);
			RedisStore b = stores.start("b", rareProbes);
			int sessions = 12;
			List<Recorder> streams = new ArrayList<>();
			for (int i = 0; i < sessions; i++) {
				a.register(RedisStoreTests.meta("s" + i)).block();
				streams.add(Recorder.record(a.get("s" + i).block().events()));
			}
			int rounds = 40;
			long before = classicBusMessages(cluster);
			for (int round = 0; round < rounds; round++) {
				for (int i = 0; i < sessions; i++) {
					b.send("s" + i, Message.of(Integer.toString(round))).block();
				}
			}
			long crossed = classicBusMessages(cluster) - before;
			List<String> expected = new ArrayList<>();
			for (int round = 0; round < rounds; round++) {
				expected.add(Integer.toString(round));
			}
			for (Recorder stream : streams) {
				stream.awaitCount(rounds);
				assertThat(stream.texts()).containsExactlyElementsOf(expected);
			}
			// a classic publish crosses every bus link: 5 per message here
			assertThat(crossed).isZero();
			assertThat(a.isSubscriptionHealthy()).isTrue();
		}
	}

	@Test
	void aStreamEndedByUnregisterGetsTheMessagesSentBeforeFirst() {
		try (RedisStores stores = stores(cluster, "sh4")) {
			RedisStore a = stores.start("a");
			RedisStore b = stores.start("b");
			for (int i = 0; i < 20; i++) {
				String id = "u" + i;
				a.register(RedisStoreTests.meta(id)).block();
				Recorder stream = Recorder.record(a.get(id).block().events());
				await().atMost(Duration.ofSeconds(10)).until(() -> "a".equals(a.owner(id).block()));
				b.send(id, Message.of("first")).block();
				b.send(id, Message.of("last")).block();
				b.unregister(id).block();
				stream.awaitCompletion();
				assertThat(stream.texts()).containsExactly("first", "last");
			}
		}
	}

	@Test
	void sendScriptPublishesOnTheClassicChannelWhenTheShardChannelIsRefusedOrHasNoSubscriber() {
		String script = new String(LuaScript.load("send", ScriptOutputType.MULTI, false).body(),
				StandardCharsets.UTF_8);
		String meta = "sh6:{x}:meta";
		String log = "sh6:{x}:log";
		RedisNode node = cluster.masterForKey(meta);
		RedisNode other = cluster.masters().stream().filter((master) -> master != node).findFirst().orElseThrow();
		node.command("HSET", meta, "m", "{}", "o", "owner", "t", "token", "l", "0-0", "c", "0-0", "r", "reg");
		// the shard channel is in another slot (Redis refuses the script's access to it),
		// or in the session's slot but nobody subscribes to it
		List<String> prefixes = List.of("sh6_updates:{" + ShardRouting.tag(lowestSlot(other)) + "}",
				"sh6_updates:{" + ShardRouting.tag(cluster.slot(meta)) + "}");
		for (int i = 0; i < prefixes.size(); i++) {
			long before = classicBusMessages(cluster);
			String id = node.command("EVAL", script, "2", meta, log, "60000", "256", "sh6_updates:", "1000",
					prefixes.get(i), "1000000", "message", "data", "x", "reg", "nonce-0" + i, "");
			assertThat(id).matches("\\d+-\\d+");
			// the classic publish, to the five other nodes
			assertThat(classicBusMessages(cluster) - before).isEqualTo(5);
		}
		assertThat(node.command("XLEN", log)).isEqualTo("2");
	}

	@Test
	void failoverLosesAndRepeatsNothingAndTheSubscriptionFollowsTheNewMaster() throws Exception {
		try (RedisCluster own = RedisCluster.builder().nodeTimeout(Duration.ofSeconds(2)).start();
				RedisStores stores = stores(own, "sh2")) {
			// The sender does not pause: at its thousands of messages a second, the
			// default retention covers a small part of a second, less than the time
			// between the sender's instance and the owner's learning the new master. A
			// stream that could not read for longer than the retention covers says so
			// with a gap notice (RedisStoreLostEntriesTests); this test is about what
			// the retention covers.
			Consumer<RedisStoreBuilder> coveringRetention = (builder) -> builder.retention(100_000);
			RedisStore a = stores.start("a", coveringRetention);
			RedisStore b = stores.start("b", coveringRetention);
			a.register(RedisStoreTests.meta("f1")).block();
			Recorder stream = Recorder.record(a.get("f1").block().events());
			RedisNode master = own.masterForKey("sh2:{f1}:meta");
			Sender sender = Sender.start(b, "f1");
			await().atMost(Duration.ofSeconds(10)).until(() -> sender.acknowledged.size() >= 20);
			// Redis replicates asynchronously and the sender does not stop: what the
			// master acknowledged after its replica caught up and before it died may be
			// lost with it, and nothing in the new master's log shows that loss to a
			// stream that never saw those messages. Messages acknowledged before the
			// replica caught up must arrive, and so must those acknowledged after the
			// kill, except the one send that may have been under way on the old master
			// while it died.
			int replicated = sender.acknowledged.size();
			RedisStoreClusterTests.awaitReplicated(own, master);
			master.kill();
			int killedAt = sender.acknowledged.size() + 1;
			await().atMost(Duration.ofSeconds(60)).until(() -> sender.acknowledged.size() >= killedAt + 50);
			sender.stop();
			List<Integer> acknowledged = List.copyOf(sender.acknowledged);
			List<Integer> mustArrive = new ArrayList<>(acknowledged.subList(0, replicated));
			mustArrive.addAll(acknowledged.subList(killedAt, acknowledged.size()));
			assertDeliveredOnceInOrder(stream, mustArrive);
			List<String> delivered = stream.messageTexts();
			assertThat(acknowledged).as("lost messages were acknowledged after the replica caught up")
				.filteredOn((number) -> !delivered.contains(Integer.toString(number)))
				.allMatch(acknowledged.subList(replicated, killedAt)::contains);
			awaitSendsWithinTheirShard(own, b, "f1", stream);
		}
	}

	@Test
	void reshardingUnderTrafficLosesAndRepeatsNothing() throws Exception {
		try (RedisStores stores = stores(cluster, "sh3")) {
			RedisStore a = stores.start("a");
			RedisStore b = stores.start("b");
			a.register(RedisStoreTests.meta("r1")).block();
			Recorder stream = Recorder.record(a.get("r1").block().events());
			int slot = cluster.slot("sh3:{r1}:meta");
			RedisNode source = cluster.masterForSlot(slot);
			int lowest = lowestSlot(source);
			RedisNode target = cluster.masters().stream().filter((node) -> node != source).findFirst().orElseThrow();
			Sender sender = Sender.start(b, "r1");
			await().atMost(Duration.ofSeconds(10)).until(() -> sender.acknowledged.size() >= 20);
			for (int moved : (slot == lowest) ? List.of(slot) : List.of(slot, lowest)) {
				int sent = sender.acknowledged.size();
				moveSlot(moved, source, target);
				await().atMost(Duration.ofSeconds(30)).until(() -> sender.acknowledged.size() >= sent + 30);
			}
			sender.stop();
			assertDeliveredOnceInOrder(stream, sender.acknowledged);
			awaitSendsWithinTheirShard(cluster, b, "r1", stream);
		}
	}

	@Test
	void closingAStoreLeavesNoShardSubscriptionAndNoConnection() {
		try (RedisStores stores = stores(cluster, "sh5")) {
			RedisStore a = stores.start("a");
			assertThat(a.isSubscriptionHealthy()).isTrue();
			// one per slot
			assertThat(shardChannels("sh5_updates:*")).hasSize(16384);
			assertThat(storeConnections()).isPositive();
			a.close();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> shardChannels("sh5_updates:*").isEmpty() && storeConnections() == 0);
		}
	}

	private static RedisStores stores(RedisCluster cluster, String prefix) {
		return new RedisStores((builder) -> {
			builder.mode(RedisMode.CLUSTER);
			builder.addresses(cluster.seedAddresses());
			builder.prefix(prefix);
			builder.topic(prefix + "_updates");
		});
	}

	private static void assertDeliveredOnceInOrder(Recorder stream, List<Integer> acknowledged) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> stream.texts().containsAll(acknowledged.stream().map(String::valueOf).toList()));
		List<Integer> delivered = stream.messageTexts().stream().map(Integer::valueOf).toList();
		assertThat(delivered).isSorted().doesNotHaveDuplicates();
		assertThat(stream.isTerminated()).isFalse();
	}

	/**
	 * Waits until sends to the session cross no bus link beyond their shard again: the
	 * subscription moved to the shard's new master.
	 */
	private static void awaitSendsWithinTheirShard(RedisCluster cluster, RedisStore sender, String id,
			Recorder stream) {
		int batch = 20;
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
			long before = classicBusMessages(cluster);
			for (int i = 0; i < batch; i++) {
				sender.send(id, Message.of("-1")).block();
			}
			return classicBusMessages(cluster) - before < batch / 2;
		});
		int total = stream.texts().size();
		sender.send(id, Message.of("-2")).block();
		stream.awaitCount(total + 1);
	}

	/**
	 * Lists the shard channels matching a pattern that have subscribers, on every master.
	 */
	private static List<String> shardChannels(String pattern) {
		List<String> channels = new ArrayList<>();
		for (RedisNode master : cluster.masters()) {
			String reply = master.command("PUBSUB", "SHARDCHANNELS", pattern).trim();
			if (!reply.isEmpty()) {
				channels.addAll(List.of(reply.split("\n")));
			}
		}
		return channels;
	}

	/**
	 * Counts the connections of session stores on every node.
	 */
	private static long storeConnections() {
		long count = 0;
		for (RedisNode node : cluster.nodes()) {
			count += node.command("CLIENT", "LIST")
				.lines()
				.filter((line) -> line.contains(" name=session-store "))
				.count();
		}
		return count;
	}

	/**
	 * Sums {@code cluster_stats_messages_publish_sent} over the running nodes: the
	 * classic pub/sub messages sent over the cluster bus.
	 */
	private static long classicBusMessages(RedisCluster cluster) {
		long sum = 0;
		for (RedisNode node : cluster.nodes()) {
			if (node.isRunning()) {
				Matcher matcher = PUBLISH_SENT.matcher(node.command("CLUSTER", "INFO"));
				sum += matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
			}
		}
		return sum;
	}

	static int lowestSlot(RedisNode master) {
		String id = master.command("CLUSTER", "MYID").trim();
		int lowest = Integer.MAX_VALUE;
		for (String line : master.command("CLUSTER", "NODES").split("\\R")) {
			String[] fields = line.split(" ");
			if (fields[0].equals(id)) {
				for (int i = 8; i < fields.length; i++) {
					if (!fields[i].startsWith("[")) {
						lowest = Math.min(lowest, Integer.parseInt(fields[i].split("-")[0]));
					}
				}
			}
		}
		return lowest;
	}

	/**
	 * Moves a slot and its keys to another master, as a resharding tool does.
	 */
	private static void moveSlot(int slot, RedisNode source, RedisNode target) {
		String sourceId = source.command("CLUSTER", "MYID").trim();
		String targetId = target.command("CLUSTER", "MYID").trim();
		String number = Integer.toString(slot);
		target.command("CLUSTER", "SETSLOT", number, "IMPORTING", sourceId);
		source.command("CLUSTER", "SETSLOT", number, "MIGRATING", targetId);
		while (true) {
			String keys = source.command("CLUSTER", "GETKEYSINSLOT", number, "100").trim();
			if (keys.isEmpty()) {
				break;
			}
			List<String> migrate = new ArrayList<>(
					List.of("MIGRATE", target.host(), Integer.toString(target.port()), "", "0", "5000", "KEYS"));
			migrate.addAll(List.of(keys.split("\n")));
			source.command(migrate.toArray(String[]::new));
		}
		for (RedisNode master : List.of(target, source)) {
			master.command("CLUSTER", "SETSLOT", number, "NODE", targetId);
		}
		for (RedisNode master : cluster.masters()) {
			if (master != source && master != target) {
				master.command("CLUSTER", "SETSLOT", number, "NODE", targetId);
			}
		}
	}

	/**
	 * Sends numbered messages to one session, one after the other, and records which were
	 * acknowledged.
	 */
	private static final class Sender {

		final List<Integer> acknowledged = new CopyOnWriteArrayList<>();

		private final AtomicInteger attempts = new AtomicInteger();

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final CompletableFuture<Void> done;

		private Sender(RedisStore store, String id) {
			this.done = CompletableFuture.runAsync(() -> {
				while (this.running.get()) {
					int next = this.attempts.incrementAndGet();
					try {
						store.send(id, Message.of(Integer.toString(next))).block();
						this.acknowledged.add(next);
					}
					catch (RuntimeException ex) {
						// not acknowledged while the cluster moves the slot: the next
						// attempt has a new number, and the log may hold this one or not
					}
				}
			});
		}

		static Sender start(RedisStore store, String id) {
			return new Sender(store, id);
		}

		void stop() throws Exception {
			this.running.set(false);
			this.done.get(30, TimeUnit.SECONDS);
		}

	}

}
