package com.myunla.gateway.session.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.testsupport.RedisCluster;
import com.myunla.gateway.session.testsupport.RedisNode;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link RedisStore} on a real Redis Cluster whose user has exactly the permissions the
 * docs/redis.md documents for a cluster does everything a store does.
 */
@RequiresRedis
class RedisStoreClusterAclTests {

	private static final Path DOCS = Path.of("..", "docs", "redis.md");

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

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
	void wholeStoreWorksUnderTheDocumentedAcl() {
		String prefix = "c" + ThreadLocalRandom.current().nextInt(1_000_000);
		for (RedisNode node : cluster.nodes()) {
			node.command(acl("ACL SETUSER <user> ", prefix).split(" "));
			node.command(acl("ACL SETUSER <user> +spublish", prefix).split(" "));
			node.command("ACL", "LOG", "RESET");
		}
		try (RedisStores stores = new RedisStores((builder) -> {
			builder.mode(RedisMode.CLUSTER);
			builder.addresses(cluster.seedAddresses());
			builder.prefix(prefix);
			builder.topic(prefix + "_updates");
			builder.username("gateway");
			builder.password("gateway-secret");
		})) {
			RedisStore a = stores.start("a");
			RedisStore b = stores.start("b");
			List<String> ids = List.of("s1", "s2", "s3", "s4");
			List<Recorder> streams = new ArrayList<>();
			for (String id : ids) {
				Connection session = a.register(RedisStoreTests.meta(id)).block(TIMEOUT);
				streams.add(Recorder.record(b.get(id).block(TIMEOUT).events()));
				session.send(Message.of("m1")).block(TIMEOUT);
			}
			streams.forEach((stream) -> stream.awaitCount(1));
			Recorder resumed = Recorder.record(a.get("s1").block(TIMEOUT).events("0"));
			resumed.awaitCount(1);
			assertThat(a.list().collectList().block(TIMEOUT)).hasSize(ids.size());
			for (String id : ids) {
				a.unregister(id).block(TIMEOUT);
			}
			streams.forEach(Recorder::awaitCompletion);
			assertThat(b.count().block(TIMEOUT)).isZero();
		}
		List<String> refusals = new ArrayList<>();
		for (RedisNode node : cluster.nodes()) {
			String[] log = node.command("ACL", "LOG", "128").split("\n");
			for (int i = 0; i + 1 < log.length; i++) {
				if (log[i].trim().equals("object")) {
					refusals.add(log[i + 1].trim());
				}
			}
		}
		assertThat(refusals).as("commands Redis refused to the documented user").isEmpty();
	}

	/**
	 * Returns the documented line that starts with the given text, for a prefix.
	 */
	private static String acl(String start, String prefix) {
		try {
			String line = Files.readAllLines(DOCS)
				.stream()
				.filter((text) -> text.startsWith(start))
				.findFirst()
				.orElseThrow(() -> new AssertionError("docs/redis.md has no line starting with " + start));
			return line.replace("<user>", "gateway")
				.replace("<password>", "gateway-secret")
				.replace("<prefix>", prefix)
				.replace("<topic>", prefix + "_updates");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
