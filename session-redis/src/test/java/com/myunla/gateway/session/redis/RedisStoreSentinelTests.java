package com.myunla.gateway.session.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.testsupport.RedisSentinel;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link RedisStore} on Redis with Sentinel (one master, one replica, three sentinels),
 * through a failover.
 */
@RequiresRedis
class RedisStoreSentinelTests {

	private static final Log logger = LogFactory.getLog(RedisStoreSentinelTests.class);

	@Test
	void deliveryResumesByItselfAfterTheMasterIsKilled() throws Exception {
		try (RedisSentinel redis = RedisSentinel.start(); RedisStores stores = new RedisStores((builder) -> {
			builder.mode(RedisMode.SENTINEL);
			builder.addresses(redis.sentinelAddresses());
			builder.masterName(redis.masterName());
			builder.commandTimeout(Duration.ofSeconds(2));
			// The sender does not wait for deliveries: a log that keeps everything it
			// sends makes the test about losing acknowledged messages, not about how soon
			// after the failover the stream catches up (past the retention it would get a
			// gap notice).
			builder.retention(100_000);
		})) {
			RedisStore a = stores.start("a");
			RedisStore b = stores.start("b");
			a.register(RedisStoreTests.meta("s1")).block();
			Recorder stream = Recorder.record(a.get("s1").block().events());
			b.send("s1", Message.of("-1")).block();
			stream.awaitCount(1);
			// Let the registration reach the replica before the master dies.
			await().atMost(Duration.ofSeconds(10))
				.until(() -> redis.replica().command("EXISTS", "session:{s1}:meta").trim().equals("1"));

			List<Integer> acknowledged = new CopyOnWriteArrayList<>();
			AtomicBoolean stop = new AtomicBoolean();
			AtomicLong killedAt = new AtomicLong();
			AtomicLong firstAckAfterKill = new AtomicLong();
			Thread sender = new Thread(() -> {
				for (int i = 0; !stop.get(); i++) {
					long started = System.nanoTime();
					try {
						b.send("s1", Message.of(Integer.toString(i))).block();
						acknowledged.add(i);
						long killed = killedAt.get();
						if (killed != 0 && started > killed) {
							firstAckAfterKill.compareAndSet(0, System.nanoTime());
						}
					}
					catch (RuntimeException ex) {
						// not acknowledged: the failover is under way
					}
				}
			}, "sender");
			sender.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> acknowledged.size() >= 50);
			// Make replication observable: everything acknowledged before this point is
			// in the master's replication stream below its current offset; once the
			// replica has reached that offset, those messages must survive the failover.
			// Only what was acknowledged afterwards may be lost.
			int replicatedBeforeKill = acknowledged.size();
			long offset = Long.parseLong(redis.master()
				.command("INFO", "replication")
				.lines()
				.filter((line) -> line.startsWith("master_repl_offset:"))
				.findFirst()
				.orElseThrow()
				.substring("master_repl_offset:".length())
				.trim());
			await().atMost(Duration.ofSeconds(10)).until(() -> replicaOffset(redis) >= offset);
			// a snapshot first: a view of the list the sender still appends to fails on
			// access
			List<Integer> replicated = List.copyOf(acknowledged).subList(0, replicatedBeforeKill);
			int acknowledgedBeforeKill = acknowledged.size();
			killedAt.set(System.nanoTime());
			redis.master().kill();
			redis.awaitFailover(Duration.ofSeconds(60));
			await().atMost(Duration.ofSeconds(60)).until(() -> firstAckAfterKill.get() != 0);
			int recoveredAt = acknowledged.size();
			await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= recoveredAt + 50);
			stop.set(true);
			sender.join(10_000);
			assertThat(sender.isAlive()).as("sender stopped").isFalse();

			List<Integer> afterRecovery = List.copyOf(acknowledged.subList(recoveredAt, acknowledged.size()));
			await().atMost(Duration.ofSeconds(30)).until(() -> delivered(stream).containsAll(afterRecovery));
			List<Integer> delivered = delivered(stream);
			assertThat(delivered).as("in order, no duplicates").isSorted().doesNotHaveDuplicates();
			long lost = acknowledged.stream().filter((i) -> !delivered.contains(i)).count();
			double sendsResumedAfter = (firstAckAfterKill.get() - killedAt.get()) / 1e9;
			int firstAfterRecovery = afterRecovery.get(0);
			List<String> texts = stream.texts();
			long deliveredAt = stream.arrivals().get(texts.indexOf(Integer.toString(firstAfterRecovery)));
			double deliveriesResumedAfter = (deliveredAt - killedAt.get()) / 1e9;
			logger.info(String.format("Sentinel failover: sends resumed %.2f s and deliveries %.2f s after the master "
					+ "was killed; %d messages acknowledged before the kill, %d in all, %d acknowledged messages lost",
					sendsResumedAfter, deliveriesResumedAfter, acknowledgedBeforeKill, acknowledged.size(), lost));
			// Redis replicates asynchronously: only messages acknowledged after the
			// replica caught up can be lost.
			assertThat(delivered).as("acknowledged and replicated before the kill").containsAll(replicated);
			List<Integer> mayBeLost = acknowledged.subList(replicatedBeforeKill, recoveredAt);
			assertThat(acknowledged.stream().filter((i) -> !delivered.contains(i)))
				.as("lost messages were acknowledged after the replica caught up and before the failover")
				.allMatch(mayBeLost::contains);
			assertThat(stream.isTerminated()).isFalse();
		}
	}

	private static long replicaOffset(RedisSentinel redis) {
		return Long.parseLong(redis.replica()
			.command("INFO", "replication")
			.lines()
			.filter((line) -> line.startsWith("slave_repl_offset:"))
			.findFirst()
			.orElse("slave_repl_offset:-1")
			.substring("slave_repl_offset:".length())
			.trim());
	}

	/**
	 * Returns the numbers the stream delivered, without a gap notice (see
	 * {@link Recorder#messageTexts()}).
	 */
	private static List<Integer> delivered(Recorder stream) {
		return stream.messageTexts().stream().map(Integer::valueOf).filter((i) -> i >= 0).toList();
	}

}
