package com.myunla.gateway.session.testsupport;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link RedisSentinel} group asks its sentinels about the master they monitor.
 */
final class SentinelQueries {

	private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(1);

	private SentinelQueries() {
	}

	/**
	 * Asks a sentinel for the master's address
	 * ({@code SENTINEL GET-MASTER-ADDR-BY-NAME}).
	 * @return {@code host:port}
	 * @throws IllegalStateException if the sentinel does not know the master
	 */
	static String masterAddress(RedisNode sentinel, String masterName) {
		Object reply = sentinel.call(QUERY_TIMEOUT, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", masterName);
		if (!(reply instanceof List<?> hostAndPort) || hostAndPort.size() != 2) {
			throw new IllegalStateException(
					"Sentinel at " + sentinel.address() + " does not know the master of '" + masterName + "'");
		}
		return hostAndPort.get(0) + ":" + hostAndPort.get(1);
	}

	/**
	 * Asks a sentinel for its view of the master ({@code SENTINEL MASTER}).
	 * @return the fields of the reply, such as {@code flags} and {@code num-slaves};
	 * empty if the sentinel does not know the master
	 */
	static Map<String, String> masterState(RedisNode sentinel, String masterName) {
		Object reply = sentinel.call(QUERY_TIMEOUT, "SENTINEL", "MASTER", masterName);
		Map<String, String> fields = new HashMap<>();
		if (reply instanceof List<?> list) {
			for (int i = 0; i + 1 < list.size(); i += 2) {
				fields.put(String.valueOf(list.get(i)), String.valueOf(list.get(i + 1)));
			}
		}
		return fields;
	}

}
