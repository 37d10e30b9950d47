package com.myunla.gateway.session.redis;

/**
 * How a {@link RedisStore} reaches Redis: one server, a Redis Cluster, or a master found
 * through Sentinel.
 */
public enum RedisMode {

	/** One Redis server; the store's address is its {@code host:port}. */
	SINGLE,

	/**
	 * Redis Cluster; the addresses are seed nodes, the rest of the cluster is discovered.
	 */
	CLUSTER,

	/**
	 * Redis with Sentinel; the addresses are the sentinels, which name the master of a
	 * master name.
	 */
	SENTINEL

}
