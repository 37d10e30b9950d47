package com.myunla.gateway.session.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import com.myunla.gateway.session.Connection;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.SessionNotFoundException;
import com.myunla.gateway.session.StoreUnavailableException;
import com.myunla.gateway.session.testsupport.RedisNode;
import com.myunla.gateway.session.testsupport.RedisSentinel;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A {@link RedisStore} whose Redis user has exactly the permissions docs/redis.md
 * documents does everything a store does, and one that lacks a permission fails at
 * startup naming it; a permission revoked while the store runs shows in its health.
 */
@RequiresRedis
class RedisStoreAclTests {

	private static final Path DOCS = Path.of("..", "docs", "redis.md");

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String USER = "gateway";

	private static final String PASSWORD = "gateway-secret";

	@RegisterExtension
	static final SingleRedisFleet redis = new SingleRedisFleet();

	@AfterEach
	void removeUser() {
		redis.command("ACL", "DELUSER", USER);
	}

	@Test
	void wholeStoreWorksUnderTheDocumentedAcl() {
		createUser(documentedAcl());
		redis.command("ACL", "LOG", "RESET");
		RedisStore a = redis.stores().start("a", asUser());
		RedisStore b = redis.stores().start("b", asUser().andThen((builder) -> builder.ttl(Duration.ofSeconds(1))));
		Connection session = a.register(RedisStoreTests.meta("s1")).block(TIMEOUT);
		Recorder stream = Recorder.record(b.get("s1").block(TIMEOUT).events());
		a.send("s1", Message.of("m1")).block(TIMEOUT);
		session.send(Message.of("m2")).block(TIMEOUT);
		stream.awaitCount(2);
		String firstId = stream.ids().get(0);
		Recorder resumed = Recorder.record(a.get("s1").block(TIMEOUT).events(firstId));
		resumed.awaitCount(1);
		assertThat(resumed.texts()).containsExactly("m2");
		stream.awaitCompletion();
		assertThat(a.list().map((connection) -> connection.meta().id()).collectList().block(TIMEOUT))
			.containsExactly("s1");
		assertThat(b.count().block(TIMEOUT)).isEqualTo(1);
		assertThat(b.owner("s1").block(TIMEOUT)).isEqualTo("a");
		a.unregister("s1").block(TIMEOUT);
		resumed.awaitCompletion();
		assertThat(resumed.error()).isNull();
		// store b has a ttl of one second: its streams are checked and its index swept
		// every few hundred milliseconds
		Recorder idle = Recorder.record(b.register(RedisStoreTests.meta("s2")).block(TIMEOUT).events());
		b.register(RedisStoreTests.meta("s3")).block(TIMEOUT);
		await().atMost(TIMEOUT).until(() -> b.count().block(TIMEOUT) == 1);
		assertThat(b.get("s2").block(TIMEOUT)).isNotNull();
		assertThatExceptionOfType(SessionNotFoundException.class).isThrownBy(() -> b.get("s3").block(TIMEOUT));
		assertThat(idle.isTerminated()).isFalse();
		a.close();
		b.close();
		assertThat(refusals()).as("commands Redis refused to the documented user").isEmpty();
	}

	@Test
	void storeWithSentinelWorksUnderTheDocumentedAcl() {
		try (RedisSentinel sentinel = RedisSentinel.start()) {
			List<RedisNode> dataNodes = List.of(sentinel.master(), sentinel.replica());
			for (RedisNode node : dataNodes) {
				node.command(documentedAcl().split(" "));
				node.command("ACL", "LOG", "RESET");
			}
			try (RedisStores stores = new RedisStores((builder) -> {
				builder.mode(RedisMode.SENTINEL);
				builder.addresses(sentinel.sentinelAddresses());
				builder.masterName(sentinel.masterName());
				builder.prefix(redis.prefix());
				builder.topic(redis.prefix() + "_updates");
			})) {
				RedisStore a = stores.start("a", asUser());
				RedisStore b = stores.start("b", asUser());
				Connection session = a.register(RedisStoreTests.meta("s1")).block(TIMEOUT);
				Recorder stream = Recorder.record(b.get("s1").block(TIMEOUT).events());
				session.send(Message.of("m1")).block(TIMEOUT);
				stream.awaitCount(1);
				assertThat(a.list().collectList().block(TIMEOUT)).hasSize(1);
				a.unregister("s1").block(TIMEOUT);
				stream.awaitCompletion();
			}
			List<String> refusals = new ArrayList<>();
			dataNodes.forEach((node) -> refusals.addAll(refusals(node.command("ACL", "LOG", "128"))));
			assertThat(refusals).as("commands Redis refused to the documented user").isEmpty();
		}
	}

	@Test
	void missingKeyPermissionStopsStartupNamingIt() {
		createUser(documentedAcl().replace("~" + redis.prefix() + ":*", "~other:*"));
		assertThatExceptionOfType(RedisPermissionException.class).isThrownBy(() -> redis.stores().start("a", asUser()))
			.withMessageContaining("~" + redis.prefix() + ":*")
			.withMessageContaining("session.redis.prefix");
	}

	@Test
	void missingCommandStopsStartupNamingIt() {
		createUser(documentedAcl().replace(" +xadd", ""));
		redis.command("ACL", "LOG", "RESET");
		assertThatExceptionOfType(RedisPermissionException.class).isThrownBy(() -> redis.stores().start("a", asUser()))
			.withMessageContaining("XADD")
			.satisfies((ex) -> assertThat(ex.getMissingRules()).containsExactly("+xadd"));
		assertThat(refusals()).containsExactly("xadd");
	}

	@Test
	void missingChannelPermissionStopsStartupNamingIt() {
		createUser(documentedAcl().replace("&" + redis.prefix() + "_updates:*", "&other:*"));
		assertThatExceptionOfType(RedisPermissionException.class).isThrownBy(() -> redis.stores().start("a", asUser()))
			.withMessageContaining("PUBLISH")
			.satisfies((ex) -> assertThat(ex.getMissingRules()).containsExactly("&" + redis.prefix() + "_updates:*"));
	}

	@Test
	void permissionRevokedWhileRunningFailsWithUnavailableAndShowsInHealthUntilRestored() {
		createUser(documentedAcl());
		RedisStore store = redis.stores().start("a", asUser());
		store.register(RedisStoreTests.meta("s1")).block(TIMEOUT);
		redis.command("ACL", "SETUSER", USER, "-xadd");
		assertThatExceptionOfType(StoreUnavailableException.class)
			.isThrownBy(() -> store.send("s1", Message.of("m1")).block(TIMEOUT))
			.withMessageContaining("permission");
		assertThat(store.unhealthyReason()).contains("permission");
		// the store's next check names what is missing
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(store.unhealthyReason()).contains("+xadd").contains("XADD on '"));
		redis.command("ACL", "SETUSER", USER, "+xadd");
		await().atMost(TIMEOUT).until(() -> store.unhealthyReason() == null);
		store.send("s1", Message.of("m1")).block(TIMEOUT);
	}

	/**
	 * Returns the documented ACL for the current test's prefix and topic.
	 */
	static String documentedAcl() {
		try {
			String line = Files.readAllLines(DOCS)
				.stream()
				.filter((text) -> text.startsWith("ACL SETUSER <user> "))
				.findFirst()
				.orElseThrow(() -> new AssertionError("docs/redis.md shows no ACL SETUSER line"));
			return line.replace("<user>", USER)
				.replace("<password>", PASSWORD)
				.replace("<prefix>", redis.prefix())
				.replace("<topic>", redis.prefix() + "_updates");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void createUser(String acl) {
		redis.command(acl.split(" "));
	}

	private static Consumer<RedisStoreBuilder> asUser() {
		return (builder) -> {
			builder.username(USER);
			builder.password(PASSWORD);
		};
	}

	private static List<String> refusals() {
		return refusals(redis.command("ACL", "LOG", "128"));
	}

	/**
	 * Returns the commands, keys or channels named by the entries of an ACL log.
	 */
	private static List<String> refusals(String aclLog) {
		List<String> refusals = new ArrayList<>();
		List<String> log = Arrays.asList(aclLog.split("\n"));
		for (int i = 0; i + 1 < log.size(); i++) {
			if (log.get(i).trim().equals("object")) {
				refusals.add(log.get(i + 1).trim());
			}
		}
		return refusals;
	}

}
