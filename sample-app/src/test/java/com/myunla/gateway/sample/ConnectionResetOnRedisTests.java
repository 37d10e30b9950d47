package com.myunla.gateway.sample;

import java.time.Duration;

import com.myunla.gateway.session.StoreStatistics;
import com.myunla.gateway.session.redis.RedisStore;
import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.awaitility.Awaitility.await;

/**
 * Connections reset while their stream opens, on Redis. Pausing Redis's writes holds the
 * registrations back, so that the connections are reset before the first event is
 * written, and the answers then arrive while the server is closing them.
 */
@RequiresRedis
class ConnectionResetOnRedisTests extends ConnectionResetTests {

	private static RedisSingle redis;

	@BeforeAll
	static void start() {
		redis = closeAfterAll(RedisSingle.start());
		instance = closeAfterAll(
				new SpringApplicationBuilder(SampleApplication.class).run("--server.port=0", "--session.type=redis",
						"--session.redis.addr=" + redis.address(), "--session.redis.ttl=" + TTL.toMillis() + "ms"));
	}

	@Override
	void stallStore() {
		redis.command("CLIENT", "PAUSE", "10000", "WRITE");
	}

	@Override
	void awaitStalledRequest() {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> !redis.command("INFO", "clients").contains("blocked_clients:0"));
	}

	@Override
	void resumeStore() {
		redis.command("CLIENT", "UNPAUSE");
	}

	@Override
	StoreStatistics statistics() {
		return instance.getBean(RedisStore.class).statistics();
	}

}
