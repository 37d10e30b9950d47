package com.myunla.gateway.session.benchmarks;

import java.util.concurrent.TimeUnit;

import com.myunla.gateway.session.Meta;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON work of the Redis store's {@code register} (write) and {@code get} (read) for
 * the {@code lifecycle} scenario's {@code Meta}, with the mapper configured as the
 * store's codec configures it (Jackson defaults, no type information).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MetaJsonBenchmark {

	private final JsonMapper mapper = JsonMapper.builder().build();

	private Meta meta;

	private byte[] json;

	/**
	 * Builds the session metadata and its JSON.
	 */
	@Setup
	public void setUp() {
		this.meta = Fixtures.meta(Fixtures.newId());
		this.json = this.mapper.writeValueAsBytes(this.meta);
	}

	/**
	 * Writes the metadata as JSON.
	 * @return the JSON
	 */
	@Benchmark
	public byte[] write() {
		return this.mapper.writeValueAsBytes(this.meta);
	}

	/**
	 * Reads the metadata from JSON.
	 * @return the metadata
	 */
	@Benchmark
	public Meta read() {
		return this.mapper.readValue(this.json, Meta.class);
	}

}
