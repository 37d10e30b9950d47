package com.myunla.gateway.session.web;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.RequestInfo;
import com.myunla.gateway.session.SessionNotFoundException;
import com.myunla.gateway.session.memory.MemoryStore;
import com.myunla.gateway.session.web.SessionWebSocketStream.Item;
import com.myunla.gateway.session.web.SessionWebSocketStream.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The frames of a session's WebSocket and how its stream ends, on the in-memory store.
 */
class SessionWebSocketStreamTests {

	private static final Duration KEEP_ALIVE = Duration.ofMinutes(1);

	private final MemoryStore store = MemoryStore.builder().bufferSize(2).build();

	@AfterEach
	void closeStore() {
		this.store.close();
	}

	@Test
	void messageFrameIsJsonWithIdEventAndData() {
		String frame = SessionWebSocketFrames
			.toFrame(Delivery.of("7", Message.of("update", "say \"hi\"\\\n\r\t\u0001é")));
		assertThat(frame)
			.isEqualTo("{\"id\":\"7\",\"event\":\"update\",\"data\":\"say \\\"hi\\\"\\\\\\n\\r\\t\\u0001é\"}");
	}

	@Test
	void gapFrameHasNoIdAndTheGapAsObject() {
		assertThat(SessionWebSocketFrames.toFrame(Delivery.gap("1", "4")))
			.isEqualTo("{\"event\":\"session.gap\",\"data\":{\"lastEventId\":\"1\",\"firstAvailableId\":\"4\"}}");
	}

	@Test
	void streamSendsTheSessionsMessagesAndClosesWhenItIsUnregistered() {
		register("s");
		this.store.send("s", Message.of("m1")).block();
		StepVerifier.create(stream("sessionId=s", null).items(KEEP_ALIVE))
			.expectNext(text("{\"id\":\"1\",\"event\":\"message\",\"data\":\"m1\"}"))
			.then(() -> this.store.unregister("s").block())
			.expectNext(close(4404, "Session not found"))
			.verifyComplete();
	}

	@Test
	void lastEventIdComesFromTheQueryDecodedOrElseTheHeader() {
		register("a&b");
		this.store.send("a&b", Message.of("m1")).block();
		this.store.send("a&b", Message.of("m2")).block();
		HttpHeaders headers = new HttpHeaders();
		headers.set("Last-Event-ID", "1");
		StepVerifier.create(stream("sessionId=a%26b", headers).items(KEEP_ALIVE))
			.expectNextMatches((item) -> item.text().contains("\"m2\""))
			.thenCancel()
			.verify();
		StepVerifier.create(stream("sessionId=a%26b&lastEventId=0", headers).items(KEEP_ALIVE))
			.expectNextMatches((item) -> item.text().contains("\"m1\""))
			.thenCancel()
			.verify();
	}

	@Test
	void unknownSessionMissingSessionIdAndBadLastIdClose() {
		StepVerifier.create(stream("sessionId=none", null).items(KEEP_ALIVE))
			.expectNext(close(4404, "Session not found"))
			.verifyComplete();
		StepVerifier.create(stream("other=1", null).items(KEEP_ALIVE))
			.expectNext(close(4400, "No sessionId"))
			.verifyComplete();
		register("s");
		StepVerifier.create(stream("sessionId=s&lastEventId=99", null).items(KEEP_ALIVE))
			.expectNext(close(4400, "Bad sessionId or lastEventId"))
			.verifyComplete();
	}

	@Test
	void anotherStreamOfTheSessionTakesOver() {
		register("s");
		StepVerifier.create(stream("sessionId=s", null).items(KEEP_ALIVE))
			.then(() -> stream("sessionId=s", null).items(KEEP_ALIVE).subscribe())
			.expectNext(close(4409, "Stream ended"))
			.verifyComplete();
	}

	@Test
	void clientThatFallsBehindIsClosedAsSlowConsumer() {
		register("s");
		StepVerifier.create(stream("sessionId=s", null).items(KEEP_ALIVE), 0).then(() -> {
			for (int i = 0; i < 20; i++) {
				this.store.send("s", Message.of("m" + i)).block();
			}
		})
			.thenRequest(Long.MAX_VALUE)
			.thenConsumeWhile((item) -> item.kind() == Kind.TEXT)
			.expectNext(close(4429, "Slow consumer"))
			.verifyComplete();
	}

	/**
	 * As for server-sent events: the slow consumer's error must end the stream once, also
	 * when the client's requests come from another thread while it fails; repeated, since
	 * it is a race.
	 */
	@Test
	void clientThatFallsBehindWhileRequestingFromAnotherThreadIsClosedAsSlowConsumer() throws Exception {
		Scheduler sender = Schedulers.newSingle("sender");
		try {
			for (int run = 0; run < 300; run++) {
				String id = "r" + run;
				register(id);
				CompletableFuture<Item> close = new CompletableFuture<>();
				CountDownLatch subscribed = new CountDownLatch(1);
				stream("sessionId=" + id, null).items(Duration.ofMillis(1)).subscribe(new BaseSubscriber<>() {

					@Override
					protected void hookOnSubscribe(Subscription subscription) {
						request(1);
						subscribed.countDown();
					}

					@Override
					protected void hookOnNext(Item item) {
						if (item.kind() == Kind.CLOSE) {
							close.complete(item);
						}
						Schedulers.boundedElastic().schedule(() -> request(1));
					}

					@Override
					protected void hookOnError(Throwable ex) {
						close.completeExceptionally(ex);
					}

				});
				assertThat(subscribed.await(5, TimeUnit.SECONDS)).isTrue();
				sender.schedule(() -> {
					// a burst the client cannot keep up with, its buffer holding 2
					for (int i = 0; i < 1000; i++) {
						this.store.send(id, Message.of("m" + i)).onErrorComplete().subscribe();
					}
				});
				assertThat(close.get(5, TimeUnit.SECONDS)).as("close of stream %d", run)
					.isEqualTo(close(4429, "Slow consumer"));
			}
		}
		finally {
			sender.dispose();
		}
	}

	@Test
	void idleStreamPings() {
		register("s");
		StepVerifier.create(stream("sessionId=s", null).items(Duration.ofMillis(20)))
			.expectNextMatches((item) -> item.kind() == Kind.PING)
			.thenCancel()
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void frameHandlerGetsTheSessionAndItsErrorsClose() {
		register("s");
		SessionWebSocketStream stream = stream("sessionId=s", null);
		StepVerifier.create(stream.items(KEEP_ALIVE))
			.then(() -> stream.receive((connection, text) -> connection.send(Message.of("echo", text)), "hi").block())
			.expectNextMatches((item) -> item.text().equals("{\"id\":\"1\",\"event\":\"echo\",\"data\":\"hi\"}"))
			.then(() -> stream.receive((connection, text) -> Mono.error(new IllegalStateException("bug")), "x").block())
			.expectNext(close(1011, "Server error"))
			.verifyComplete();
		SessionWebSocketStream other = stream("sessionId=s", null);
		StepVerifier.create(other.items(KEEP_ALIVE))
			.then(() -> other.receive((connection, text) -> Mono.error(new SessionNotFoundException("s")), "x").block())
			.expectNext(close(4404, "Session not found"))
			.verifyComplete();
	}

	private void register(String id) {
		this.store.register(Meta.of(id, "", "websocket", RequestInfo.empty())).block();
	}

	private SessionWebSocketStream stream(String query, HttpHeaders headers) {
		return new SessionWebSocketStream(this.store, URI.create("ws://localhost/socket?" + query),
				(headers != null) ? headers : new HttpHeaders());
	}

	private static Item text(String text) {
		return new Item(Kind.TEXT, text, 0);
	}

	private static Item close(int code, String reason) {
		return new Item(Kind.CLOSE, reason, code);
	}

}
