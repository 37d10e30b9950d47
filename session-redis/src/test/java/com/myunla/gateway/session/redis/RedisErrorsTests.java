package com.myunla.gateway.session.redis;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import com.myunla.gateway.session.StoreUnavailableException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.cluster.PartitionSelectorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link RedisErrors}: which failures mean Redis is unavailable, and which are
 * retried.
 */
class RedisErrorsTests {

	private final RedisErrors errors = new RedisErrors(Duration.ofSeconds(2), "single mode, 127.0.0.1:6379");

	@ParameterizedTest
	@ValueSource(strings = { "TRYAGAIN Multiple keys request during rehashing of slot",
			"CLUSTERDOWN The cluster is down", "CLUSTERDOWN Hash slot not served", "MOVED 3999 127.0.0.1:6381",
			"ASK 3999 127.0.0.1:6381", "LOADING Redis is loading the dataset in memory",
			"READONLY You can't write against a read only replica. script: 1f0a, on @user_script:12.",
			"MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.",
			"BUSY Redis is busy running a script.", "NOREPLICAS Not enough good replicas to write.",
			"OOM command not allowed when used memory > 'maxmemory'." })
	void transientClusterStatesAreRejections(String reply) {
		RedisCommandExecutionException error = new RedisCommandExecutionException(reply);
		assertThat(RedisErrors.classify(error)).isEqualTo(RedisErrors.Kind.REJECTED);
		assertThat(RedisErrors.classify(new CompletionException(error))).isEqualTo(RedisErrors.Kind.REJECTED);
		assertThat(this.errors.translate(error)).isInstanceOf(StoreUnavailableException.class)
			.hasMessageContaining("single mode, 127.0.0.1:6379")
			.hasMessageContaining(RedisErrors.code(reply))
			.hasCause(error);
	}

	@ParameterizedTest
	@ValueSource(strings = { "NOPERM this user has no permissions to run the 'xadd' command",
			"NOPERM this user has no permissions to access one of the keys used as arguments",
			"ERR The user executing the script can't run this command or subcommand script: 1f0a, on @user_script:1.",
			"ERR The user executing the script can't publish to the channel mentioned in the command" })
	void permissionRefusalsAreAnswersThatMakeTheStoreUnavailable(String reply) {
		RedisCommandExecutionException error = new RedisCommandExecutionException(reply);
		assertThat(RedisErrors.isPermissionError(reply)).isTrue();
		assertThat(RedisErrors.classify(error)).isEqualTo(RedisErrors.Kind.ANSWER);
		assertThat(this.errors.translate(error)).isInstanceOf(StoreUnavailableException.class)
			.hasMessageContaining("permission")
			.hasMessageContaining("single mode, 127.0.0.1:6379")
			.hasCause(error);
	}

	@Test
	void otherScriptErrorsAreNoPermissionRefusals() {
		String reply = "WRONGTYPE Operation against a key holding the wrong kind of value";
		assertThat(RedisErrors.isPermissionError(reply)).isFalse();
		RedisCommandExecutionException error = new RedisCommandExecutionException(reply);
		assertThat(this.errors.translate(error)).isSameAs(error);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ERR unknown command 'EVALSHA', with args beginning with: 'ab12' '1' 'k' ",
			"ERR unknown command 'SCRIPT', with args beginning with: 'LOAD' ", "ERR unknown command `eval`",
			"ERR Lua scripting disabled" })
	void aServerThatRunsNoScriptsMakesTheStoreUnavailable(String reply) {
		assertThat(RedisErrors.isScriptingRefused(reply)).isTrue();
		RedisCommandExecutionException error = new RedisCommandExecutionException(reply);
		assertThat(this.errors.translate(error)).isInstanceOf(StoreUnavailableException.class)
			.hasMessageStartingWith(
					"The session store needs Lua scripting (EVAL, EVALSHA, SCRIPT) and Redis refused it")
			.hasMessageEndingWith(reply)
			.hasCause(error);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ERR unknown command 'FOO', with args beginning with: ",
			"ERR user_script:3: Script attempted to access nonexistent global variable 'x' script: ab12",
			"ERR Unknown Redis command called from script script: ab12" })
	void otherErrorsAreNoScriptingRefusals(String reply) {
		assertThat(RedisErrors.isScriptingRefused(reply)).isFalse();
	}

	@Test
	void unreachableNodesAreRejections() {
		assertThat(RedisErrors.classify(new RedisConnectionException("Connection refused")))
			.isEqualTo(RedisErrors.Kind.REJECTED);
		assertThat(RedisErrors.classify(new PartitionSelectorException("Cannot determine a partition", null)))
			.isEqualTo(RedisErrors.Kind.REJECTED);
	}

	@Test
	void brokenConnectionsAndTimeoutsLeaveTheOutcomeUnknown() {
		assertThat(RedisErrors.classify(new IOException("Connection reset by peer")))
			.isEqualTo(RedisErrors.Kind.OUTCOME_UNKNOWN);
		assertThat(RedisErrors.classify(new RedisException("Connection closed")))
			.isEqualTo(RedisErrors.Kind.OUTCOME_UNKNOWN);
		assertThat(RedisErrors.classify(new RedisCommandTimeoutException("Command timed out")))
			.isEqualTo(RedisErrors.Kind.OUTCOME_UNKNOWN);
		assertThat(this.errors.translate(new IOException("Connection reset by peer")))
			.isInstanceOf(StoreUnavailableException.class)
			.hasMessageContaining("Connection reset by peer");
		assertThat(this.errors.translate(new RedisCommandTimeoutException("Command timed out")))
			.isInstanceOf(StoreUnavailableException.class)
			.hasMessageContaining("did not answer within PT2S");
	}

	@Test
	void answersArePassedOn() {
		RedisCommandExecutionException wrongType = new RedisCommandExecutionException(
				"WRONGTYPE Operation against a key holding the wrong kind of value");
		assertThat(RedisErrors.classify(wrongType)).isEqualTo(RedisErrors.Kind.ANSWER);
		assertThat(this.errors.translate(wrongType)).isSameAs(wrongType);
		IllegalArgumentException bad = new IllegalArgumentException("bad");
		assertThat(this.errors.translate(new CompletionException(bad))).isSameAs(bad);
	}

	@Test
	void codeIsTheFirstWordOfTheReply() {
		assertThat(RedisErrors.code("TRYAGAIN Multiple keys")).isEqualTo("TRYAGAIN");
		assertThat(RedisErrors.code("-MOVED 1 h:1")).isEqualTo("MOVED");
		assertThat(RedisErrors.code("LOADING")).isEqualTo("LOADING");
		assertThat(RedisErrors.code(null)).isEmpty();
	}

	@Test
	void rejectedCommandsAreRetriedEvenWhenNotIdempotent() {
		AtomicInteger attempts = new AtomicInteger();
		Mono<String> command = Mono.defer(() -> (attempts.incrementAndGet() < 4)
				? Mono.error(new RedisCommandExecutionException("TRYAGAIN Multiple keys request")) : Mono.just("ok"));
		assertThat(this.errors.run(command, false).block()).isEqualTo("ok");
		assertThat(attempts).hasValue(4);
	}

	@Test
	void commandsOfUnknownOutcomeAreRetriedOnlyWhenIdempotent() {
		AtomicInteger attempts = new AtomicInteger();
		Mono<String> command = Mono.defer(() -> (attempts.incrementAndGet() < 2)
				? Mono.error(new IOException("Connection reset by peer")) : Mono.just("ok"));
		assertThatThrownBy(() -> this.errors.run(command, false).block()).isInstanceOf(StoreUnavailableException.class);
		assertThat(attempts).hasValue(1);
		attempts.set(0);
		assertThat(this.errors.run(command, true).block()).isEqualTo("ok");
		assertThat(attempts).hasValue(2);
	}

	@Test
	void retriesStopWhenTheCommandTimeoutRunsOut() {
		RedisErrors quick = new RedisErrors(Duration.ofMillis(300), "cluster mode");
		AtomicInteger attempts = new AtomicInteger();
		Mono<String> command = Mono.defer(() -> {
			attempts.incrementAndGet();
			return Mono.error(new RedisCommandExecutionException("CLUSTERDOWN The cluster is down"));
		});
		assertThatThrownBy(() -> quick.run(command, true).block(Duration.ofSeconds(10)))
			.isInstanceOf(StoreUnavailableException.class)
			.hasMessageContaining("CLUSTERDOWN");
		assertThat(attempts.get()).isGreaterThan(1);
	}

	@Test
	void retryRunningOutOfTimeReportsTheErrorThatCausedTheRetries() {
		RedisErrors quick = new RedisErrors(Duration.ofMillis(300), "cluster mode");
		AtomicInteger attempts = new AtomicInteger();
		Mono<String> command = Mono.defer(() -> (attempts.incrementAndGet() == 1)
				? Mono.error(new RedisCommandExecutionException("CLUSTERDOWN The cluster is down")) : Mono.never());
		assertThatThrownBy(() -> quick.run(command, true).block(Duration.ofSeconds(10)))
			.isInstanceOf(StoreUnavailableException.class)
			.hasMessageContaining("CLUSTERDOWN");
		assertThat(attempts).hasValue(2);
	}

	@Test
	void timeoutsAreReportedAndOtherFailuresAreNot() {
		AtomicInteger timeouts = new AtomicInteger();
		RedisErrors watched = new RedisErrors(Duration.ofMillis(300), "single mode", timeouts::incrementAndGet);
		assertThatThrownBy(() -> watched
			.run(Mono.error(new RedisCommandTimeoutException("Command timed out after 300 millisecond(s)")), false)
			.block(Duration.ofSeconds(10))).isInstanceOf(StoreUnavailableException.class);
		assertThat(timeouts).hasValue(1);
		assertThatThrownBy(() -> watched.run(Mono.error(new RedisCommandExecutionException("ERR wrong type")), true)
			.block(Duration.ofSeconds(10))).isInstanceOf(RedisCommandExecutionException.class);
		assertThatThrownBy(() -> watched.run(Mono.error(new RedisConnectionException("Connection refused")), false)
			.block(Duration.ofSeconds(10))).isInstanceOf(StoreUnavailableException.class);
		assertThat(timeouts).hasValue(1);
	}

	@Test
	void answersAreNotRetried() {
		AtomicInteger attempts = new AtomicInteger();
		Mono<String> command = Mono.defer(() -> {
			attempts.incrementAndGet();
			return Mono.error(new RedisCommandExecutionException("ERR Error running script"));
		});
		assertThatThrownBy(() -> this.errors.run(command, true).block())
			.isInstanceOf(RedisCommandExecutionException.class);
		assertThat(attempts).hasValue(1);
	}

}
