package com.myunla.gateway.session.testsupport;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RedisSingle} and the process controls of {@link RedisNode}.
 */
@RequiresRedis
class RedisSingleTests {

	private static final Duration SHORT = Duration.ofMillis(300);

	private RedisSingle redis;

	@BeforeEach
	void startRedis() {
		this.redis = RedisSingle.start();
	}

	@AfterEach
	void stopRedis() {
		this.redis.close();
	}

	@Test
	void startsOnALoopbackPortAndAnswersCommands() {
		assertThat(this.redis.host()).isEqualTo("127.0.0.1");
		assertThat(this.redis.address()).isEqualTo("127.0.0.1:" + this.redis.port());
		assertThat(this.redis.command("SET", "greeting", "hello")).isEqualTo("OK");
		assertThat(this.redis.command("GET", "greeting")).isEqualTo("hello");
		assertThat(this.redis.command("GET", "missing")).isEmpty();
		assertThat(this.redis.command("DBSIZE")).isEqualTo("1");
		assertThat(this.redis.command("INFO", "server")).contains("tcp_port:" + this.redis.port());
		assertThat(this.redis.command("CONFIG", "GET", "save")).isEqualTo("save\n");
	}

	@Test
	void errorReplyNamesTheAddress() {
		assertThatExceptionOfType(RedisCommandException.class).isThrownBy(() -> this.redis.command("NOSUCHCOMMAND"))
			.withMessageStartingWith(this.redis.address() + " replied to NOSUCHCOMMAND: ERR unknown command")
			.satisfies((ex) -> assertThat(ex.address()).isEqualTo(this.redis.address()));
	}

	@Test
	void extraConfigurationLinesApply() {
		try (RedisSingle own = RedisSingle.start(ServerKind.REDIS, RedisOptions.defaults(),
				List.of("rename-command EVAL \"\"", "maxmemory-policy allkeys-lru"))) {
			assertThat(own.command("CONFIG", "GET", "maxmemory-policy")).isEqualTo("maxmemory-policy\nallkeys-lru");
			assertThatExceptionOfType(RedisCommandException.class)
				.isThrownBy(() -> own.command("EVAL", "return 1", "0"))
				.withMessageContaining("ERR unknown command 'EVAL'");
		}
	}

	@Test
	void killThenRestartComesBackEmptyOnTheSamePort() {
		RedisNode node = this.redis.node();
		long pid = node.pid();
		int port = node.port();
		node.command("SET", "key", "value");
		node.kill();
		assertThat(node.isRunning()).isFalse();
		assertThat(ProcessHandle.of(pid)).isEmpty();
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> node.command("PING"))
			.withMessageContaining(node.address());
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(node::pid)
			.withMessageContaining(node.address());
		node.restart();
		assertThat(node.port()).isEqualTo(port);
		assertThat(node.pid()).isNotEqualTo(pid);
		assertThat(node.command("DBSIZE")).isEqualTo("0");
	}

	@Test
	void restartOfARunningNodeStopsItFirst() {
		RedisNode node = this.redis.node();
		long pid = node.pid();
		node.restart();
		assertThat(node.pid()).isNotEqualTo(pid);
		assertThat(node.command("PING")).isEqualTo("PONG");
	}

	@Test
	void pausedNodeDoesNotAnswerUntilResumed() {
		RedisNode node = this.redis.node();
		node.pause();
		assertThat(node.isRunning()).isTrue();
		assertThat(node.isResponsive(SHORT)).isFalse();
		node.resume();
		assertThat(node.isResponsive(Duration.ofSeconds(5))).isTrue();
	}

	@Test
	void stopOfAPausedNodeEndsIt() {
		RedisNode node = this.redis.node();
		long pid = node.pid();
		node.pause();
		node.stop();
		assertThat(node.isRunning()).isFalse();
		assertThat(ProcessHandle.of(pid)).isEmpty();
		node.stop();
	}

	@Test
	void closeEndsTheProcessAndDeletesTheDirectory() {
		long pid = this.redis.node().pid();
		Path directory = this.redis.node().directory();
		assertThat(directory.resolve("redis.conf")).content().contains("save \"\"", "appendonly no");
		this.redis.close();
		assertThat(ProcessHandle.of(pid)).isEmpty();
		assertThat(Files.exists(directory.getParent())).isFalse();
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(this.redis.node()::restart)
			.withMessageContaining("closed");
	}

	@Test
	void caCertificateIsOnlyAvailableWithTls() {
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(this.redis::caCertificate)
			.withMessageContaining("without TLS");
	}

}
