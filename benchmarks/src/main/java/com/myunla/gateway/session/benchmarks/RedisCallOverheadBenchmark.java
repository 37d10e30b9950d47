package com.myunla.gateway.session.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Java work that the Redis store adds around each Redis call, apart from Redis and the network.
 *
 * <p>Script SHA-1: before each {@code EVALSHA}, Spring Data Redis asks the script for its SHA-1. A script made
 * from a class-path resource, as {@code RedisStore} makes its scripts, checks on every call whether the
 * resource changed (it resolves the resource's URL and reads the file's modification time); a script made from
 * the same text does not.
 *
 * <p>Timeout: the store applies Reactor's {@code timeout} to every command, which schedules a timer task on
 * {@code Schedulers.parallel()} per call and cancels it on completion; the benchmark subscribes a {@code Mono}
 * of a ready reply with and without it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RedisCallOverheadBenchmark {

	private static final String SEND_SCRIPT = "com/myunla/gateway/session/redis/send.lua";

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

	private final Acknowledgements acknowledgements = new Acknowledgements();

	private final byte[] reply = "1764000000000-0".getBytes(StandardCharsets.UTF_8);

	private RedisScript<byte[]> fromResource;

	private RedisScript<byte[]> fromText;

	/**
	 * Builds the script both ways.
	 * @throws IOException if the script cannot be read
	 */
	@Setup
	public void setUp() throws IOException {
		ClassPathResource resource = new ClassPathResource(SEND_SCRIPT);
		this.fromResource = RedisScript.of(resource, byte[].class);
		this.fromText = RedisScript.of(resource.getContentAsString(StandardCharsets.UTF_8), byte[].class);
		this.fromResource.getSha1();
	}

	/**
	 * The SHA-1 of the script made from the class-path resource, as the store makes it.
	 * @return the SHA-1
	 */
	@Benchmark
	public String sha1OfResourceScript() {
		return this.fromResource.getSha1();
	}

	/**
	 * The SHA-1 of the script made from its text.
	 * @return the SHA-1
	 */
	@Benchmark
	public String sha1OfTextScript() {
		return this.fromText.getSha1();
	}

	/**
	 * A reply subscribed through Reactor's {@code timeout}, as the store wraps each command.
	 * @return the completions so far
	 */
	@Benchmark
	public long replyWithTimeout() {
		Mono.just(this.reply).timeout(COMMAND_TIMEOUT).subscribe(this.acknowledgements);
		return this.acknowledgements.count();
	}

	/**
	 * A reply subscribed without a timeout, for comparison.
	 * @return the completions so far
	 */
	@Benchmark
	public long replyWithoutTimeout() {
		Mono.just(this.reply).subscribe(this.acknowledgements);
		return this.acknowledgements.count();
	}

}
