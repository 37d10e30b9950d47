package com.myunla.gateway.session.readme;

import java.time.Duration;

import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.RequestInfo;
import com.myunla.gateway.session.redis.RedisStore;

/**
 * Registers a session in Redis and sends it a message, without Spring.
 */
public final class SendFromAScript {

	private SendFromAScript() {
	}

	public static void main(String[] args) {
		String address = (args.length > 0) ? args[0] : "localhost:6379";
		try (RedisStore store = RedisStore.builder()
			.addresses(address)
			.password(System.getenv("REDIS_PASSWORD"))
			.ttl(Duration.ofHours(1))
			.build()) {
			store.register(Meta.of("session_001", "/api/v1", "sse", RequestInfo.empty())).block();
			store.send("session_001", Message.of("Hello from a script")).block();
		}
	}

}
