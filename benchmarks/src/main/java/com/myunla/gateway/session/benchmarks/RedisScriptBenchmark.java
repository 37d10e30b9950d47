package com.myunla.gateway.session.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * What Spring Data Redis does on every script call before it sends {@code EVALSHA}: it asks the script for its
 * SHA-1. A script made from a resource, as {@code RedisStore} makes its scripts, checks on each call whether
 * the resource changed (resolving the class-path URL and reading the file's modification time); a script made
 * from the same text does not.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RedisScriptBenchmark {

	private static final String SEND_SCRIPT = "com/myunla/gateway/session/redis/send.lua";

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

}
