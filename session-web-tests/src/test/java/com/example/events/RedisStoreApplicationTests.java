package com.example.events;

import java.time.Duration;

import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.RequestInfo;
import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@RequiresRedis
@SpringBootTest(properties = "session.type=redis")
@DirtiesContext(classMode = ClassMode.AFTER_EACH_TEST_METHOD)
class RedisStoreApplicationTests {

	private static final RedisSingle redis = RedisSingle.start();

	@DynamicPropertySource
	static void redisProperties(DynamicPropertyRegistry registry) {
		registry.add("session.redis.addr", redis::address);
	}

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	@Autowired
	private Store store;

	@Test
	void messagesGoThroughRedis() {
		this.store.register(Meta.of("s1", "", "sse", RequestInfo.empty())).block();
		StepVerifier.create(this.store.get("s1").flatMapMany((connection) -> connection.events()))
			.then(() -> this.store.send("s1", Message.of("hello")).block())
			.assertNext((delivery) -> assertThat(delivery.message().dataAsString()).isEqualTo("hello"))
			.thenCancel()
			.verify(Duration.ofSeconds(10));
		assertThat(redis.command("EXISTS", "session:{s1}:meta")).isEqualTo("1");
	}

}
