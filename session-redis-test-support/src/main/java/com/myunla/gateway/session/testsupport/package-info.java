/**
 * Real {@code redis-server} processes for tests and benchmarks: a {@link RedisSingle}
 * node, a {@link RedisCluster} of three masters and three replicas, and a
 * {@link RedisSentinel} group of one master, one replica and three sentinels, each on
 * free loopback ports and each able to kill, pause and restart its processes for fault
 * tests; and a {@link RoundRobinProxy} that spreads HTTP requests over several instances
 * of an application as a load balancer without sticky sessions does; a
 * {@link TcpFaultProxy} that makes the open connections to a Redis server half-open; and
 * a {@link VirtualClock} for expiry tests. {@link RedisSingle} and {@link RedisCluster}
 * can run Valkey instead of Redis ({@link ServerKind#VALKEY}).
 *
 * <p>
 * Annotate a test class with {@link RequiresRedis} so that it is skipped where
 * {@code redis-server} is not installed, or fails where Redis tests are required. Every
 * group is {@link AutoCloseable}: closing it stops its processes and deletes its
 * temporary directory, and a shutdown hook does the same for groups left open. Valkey
 * tests take {@link RequiresValkey} instead: Valkey is looked up first in the directory
 * named by {@code SESSION_VALKEY_HOME}.
 */
@NullMarked
package com.myunla.gateway.session.testsupport;

import org.jspecify.annotations.NullMarked;
