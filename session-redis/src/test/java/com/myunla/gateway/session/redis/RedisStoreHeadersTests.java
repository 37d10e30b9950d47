package com.myunla.gateway.session.redis;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Message headers through the Redis store, against a real Redis server: sent on one
 * instance, delivered live on another, replayed from the log, in batches; a message
 * without headers is stored as before.
 */
@RequiresRedis
class RedisStoreHeadersTests {

	@RegisterExtension
	static final SingleRedisFleet redis = new SingleRedisFleet();

	private static final Map<String, String> HEADERS = Map.of("traceparent",
			"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "baggage", "tenant=acme", "empty", "");

	@Test
	void headersSentOnOneInstanceArriveWithTheLiveDeliveryOnAnother() {
		RedisStore a = redis.stores().start("a");
		RedisStore b = redis.stores().start("b");
		Recorder stream = Recorder.record(a.register(RedisStoreTests.meta("s1")).block().events());
		Message traced = Message.of("update", "with headers").withHeaders(HEADERS);
		b.send("s1", traced).block();
		b.send("s1", Message.of("update", "without")).block();
		stream.awaitCount(2);
		assertThat(stream.deliveries()).extracting(Delivery::message)
			.containsExactly(traced, Message.of("update", "without"));
		assertThat(stream.deliveries().get(1).message().headers()).isEmpty();
	}

	@Test
	void headersAreStoredOnlyForMessagesThatHaveThemAndComeBackOnReplay() {
		RedisStore a = redis.stores().start("a");
		RedisStore b = redis.stores().start("b");
		a.register(RedisStoreTests.meta("s1")).block();
		Message traced = Message.of("update", "with headers").withHeaders(HEADERS);
		b.send("s1", Message.of("update", "without")).block();
		b.send("s1", traced).block();
		String log = redis.command("XRANGE", redis.prefix() + ":{s1}:log", "-", "+");
		assertThat(log.lines().filter("h"::equals)).hasSize(1);
		List<Delivery> replayed = a.get("s1").block().events("0").take(2).collectList().block();
		assertThat(replayed).extracting(Delivery::message).containsExactly(Message.of("update", "without"), traced);
	}

	@Test
	void batchedSendsKeepEachMessagesHeaders() {
		RedisStore a = redis.stores().start("a");
		RedisStore b = redis.stores().start("b");
		Recorder stream = Recorder.record(a.register(RedisStoreTests.meta("s1")).block().events());
		List<Message> messages = IntStream.range(0, 100)
			.mapToObj((i) -> (i % 3 == 0) ? Message.of("m" + i)
					: Message.of("m" + i).withHeaders(Map.of("n", Integer.toString(i))))
			.toList();
		// concurrent sends share calls of the send script
		Flux.fromIterable(messages).flatMap((message) -> b.send("s1", message)).blockLast();
		stream.awaitCount(messages.size());
		assertThat(stream.deliveries()).extracting(Delivery::message).containsExactlyInAnyOrderElementsOf(messages);
		List<Delivery> replayed = a.get("s1").block().events("0").take(messages.size()).collectList().block();
		assertThat(replayed).extracting(Delivery::message).containsExactlyInAnyOrderElementsOf(messages);
	}

}
