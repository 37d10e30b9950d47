/**
 * Load scenarios of the session stores
 * ({@link com.myunla.gateway.session.benchmarks.BenchmarkMain}) and JMH micro-benchmarks
 * of their hot paths. See {@code BENCHMARKS.md} at the repository root.
 */
@NullMarked
package com.myunla.gateway.session.benchmarks;

import org.jspecify.annotations.NullMarked;
