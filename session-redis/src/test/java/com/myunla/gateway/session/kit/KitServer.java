package com.myunla.gateway.session.kit;

import java.util.function.BiFunction;
import java.util.function.Supplier;

import com.myunla.gateway.session.redis.RedisMode;
import com.myunla.gateway.session.redis.RedisStoreBuilder;
import com.myunla.gateway.session.testsupport.RedisCluster;
import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.ServerKind;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real server (single or cluster, Redis or Valkey) that the stores of a kit class
 * use. Registered as a static field with {@code @RegisterExtension}; it starts the server
 * before the class's tests and stops it after them.
 *
 * @param <S> the group of server processes
 */
final class KitServer<S extends AutoCloseable> implements BeforeAllCallback, AfterAllCallback {

	private final Supplier<S> starter;

	private final BiFunction<S, RedisStoreBuilder, RedisStoreBuilder> pointer;

	private @Nullable S server;

	private KitServer(Supplier<S> starter, BiFunction<S, RedisStoreBuilder, RedisStoreBuilder> pointer) {
		this.starter = starter;
		this.pointer = pointer;
	}

	/**
	 * A single server of the given kind.
	 */
	static KitServer<RedisSingle> single(ServerKind kind) {
		return new KitServer<>(() -> RedisSingle.start(kind), (single, builder) -> builder.addresses(single.address()));
	}

	/**
	 * A cluster of three masters and three replicas of the given kind.
	 */
	static KitServer<RedisCluster> cluster(ServerKind kind) {
		return new KitServer<>(() -> RedisCluster.builder().server(kind).start(),
				(cluster, builder) -> builder.mode(RedisMode.CLUSTER).addresses(cluster.seedAddresses()));
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.server = this.starter.get();
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		S server = this.server;
		this.server = null;
		if (server != null) {
			server.close();
		}
	}

	/**
	 * Points a store builder at the server.
	 */
	RedisStoreBuilder point(RedisStoreBuilder builder) {
		S server = this.server;
		if (server == null) {
			throw new IllegalStateException("The server is not started");
		}
		return this.pointer.apply(server, builder);
	}

}
