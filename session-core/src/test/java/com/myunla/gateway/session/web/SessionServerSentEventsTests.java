package com.myunla.gateway.session.web;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.SessionNotFoundException;
import com.myunla.gateway.session.SlowConsumerException;
import com.myunla.gateway.session.StoreUnavailableException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

import org.springframework.http.codec.ServerSentEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The mapping of deliveries to server-sent events, and how a stream ends.
 */
class SessionServerSentEventsTests {

	private final SessionServerSentEvents events = new SessionServerSentEvents(Duration.ofMinutes(1));

	@Test
	void messageBecomesAnEventWithItsIdNameAndData() {
		ServerSentEvent<String> event = SessionServerSentEvents.toEvent(Delivery.of("7", Message.of("update", "a\nb")));
		assertThat(event.id()).isEqualTo("7");
		assertThat(event.event()).isEqualTo("update");
		assertThat(event.data()).isEqualTo("a\nb");
	}

	@Test
	void gapNoticeIsAnEventOfItsOwnWithoutId() {
		ServerSentEvent<String> event = SessionServerSentEvents.toEvent(Delivery.gap("1", "4"));
		assertThat(event.id()).isNull();
		assertThat(event.event()).isEqualTo(Delivery.GAP_EVENT);
		assertThat(event.data()).isEqualTo("{\"lastEventId\":\"1\",\"firstAvailableId\":\"4\"}");
	}

	@Test
	void slowConsumerEndsTheStream() {
		Flux<Delivery> deliveries = Flux.just(Delivery.of("1", Message.of("a")))
			.concatWith(Flux.error(new SlowConsumerException("s", "1", 1)));
		StepVerifier.create(this.events.from(deliveries))
			.assertNext((event) -> assertThat(event.id()).isEqualTo("1"))
			.verifyComplete();
	}

	/**
	 * The stream's error reaches the keep-alive's end as well as the events; when both
	 * arrive while the client's request drains the merge on another thread, Reactor
	 * combines them into one composite error, which is neither a slow consumer nor any
	 * other error the stream ends on quietly. Repeated, since it is a race: about 2 in
	 * 100 streams failed so before the keep-alive stopped taking the error.
	 */
	@Test
	void slowConsumerEndsTheStreamAlsoWhenTheClientRequestsFromAnotherThread() throws Exception {
		SessionServerSentEvents ticking = new SessionServerSentEvents(Duration.ofMillis(1));
		Scheduler sender = Schedulers.newSingle("sender");
		try {
			for (int run = 0; run < 500; run++) {
				Sinks.Many<Delivery> deliveries = Sinks.many().unicast().onBackpressureBuffer();
				CompletableFuture<@Nullable Throwable> end = new CompletableFuture<>();
				CountDownLatch subscribed = new CountDownLatch(1);
				ticking.from(deliveries.asFlux()).subscribe(new BaseSubscriber<>() {

					@Override
					protected void hookOnSubscribe(Subscription subscription) {
						request(1);
						subscribed.countDown();
					}

					@Override
					protected void hookOnNext(ServerSentEvent<String> event) {
						Schedulers.boundedElastic().schedule(() -> request(1));
					}

					@Override
					protected void hookOnError(Throwable ex) {
						end.complete(ex);
					}

					@Override
					protected void hookOnComplete() {
						end.complete(null);
					}

				});
				assertThat(subscribed.await(5, TimeUnit.SECONDS)).isTrue();
				sender.schedule(() -> {
					for (int id = 1; id <= 20; id++) {
						deliveries.tryEmitNext(Delivery.of(Integer.toString(id), Message.of("m")));
					}
					deliveries.tryEmitError(new SlowConsumerException("s", "20", 1));
				});
				assertThat(end.get(5, TimeUnit.SECONDS)).as("error ending stream %d", run).isNull();
			}
		}
		finally {
			sender.dispose();
		}
	}

	@Test
	void customMappingShapesEachEventAndCanLeaveDeliveriesOut() {
		Flux<Delivery> deliveries = Flux.just(Delivery.of("1", Message.of("a")), Delivery.of("2", Message.of("skip")),
				Delivery.gap("2", "5"), Delivery.of("5", Message.of("b")));
		StepVerifier.create(this.events.from(deliveries, (delivery) -> {
			if (delivery.isGap()) {
				return ServerSentEvent.builder("lost").event("warning").build();
			}
			String data = delivery.message().dataAsString();
			return "skip".equals(data) ? null : ServerSentEvent.builder(data.toUpperCase()).build();
		}))
			.assertNext((event) -> assertThat(event.data()).isEqualTo("A"))
			.assertNext((event) -> assertThat(event.event()).isEqualTo("warning"))
			.assertNext((event) -> assertThat(event.data()).isEqualTo("B"))
			.verifyComplete();
	}

	@Test
	void customMappingKeepsTheClientsDemandAndTheEnds() {
		AtomicLong requested = new AtomicLong();
		Flux<Delivery> deliveries = Flux.range(1, 1000)
			.map((i) -> Delivery.of(String.valueOf(i), Message.of("m" + i)))
			.doOnRequest((n) -> requested.addAndGet(n));
		StepVerifier.create(this.events.from(deliveries, (delivery) -> ServerSentEvent.builder("x").build()), 0)
			.thenRequest(1)
			.assertNext((event) -> assertThat(event.data()).isEqualTo("x"))
			.then(() -> assertThat(requested.get()).isLessThanOrEqualTo(3))
			.thenCancel()
			.verify();
		Flux<Delivery> cut = Flux.just(Delivery.of("1", Message.of("a")))
			.concatWith(Flux.error(new SlowConsumerException("s", "1", 1)));
		StepVerifier.create(this.events.from(cut, (delivery) -> ServerSentEvent.builder("x").build()))
			.expectNextCount(1)
			.verifyComplete();
	}

	@Test
	void slowConsumerBeforeTheFirstEventEndsTheStreamToo() {
		StepVerifier.create(this.events.from(Flux.error(new SlowConsumerException("s", "1", 1)))).verifyComplete();
	}

	@Test
	void goneSessionOrUnreachableStoreEndsAStartedStream() {
		StepVerifier.create(this.events.from(
				Flux.just(Delivery.of("1", Message.of("a"))).concatWith(Flux.error(new SessionNotFoundException("s")))))
			.expectNextCount(1)
			.verifyComplete();
		StepVerifier
			.create(this.events.from(Flux.just(Delivery.of("1", Message.of("a")))
				.concatWith(Flux.error(new StoreUnavailableException("down", new RuntimeException())))))
			.expectNextCount(1)
			.verifyComplete();
	}

	@Test
	void errorBeforeTheFirstEventIsSignalledSoThatItCanBeAnswered() {
		StepVerifier.create(this.events.from(Flux.error(new SessionNotFoundException("s"))))
			.verifyError(SessionNotFoundException.class);
		StepVerifier.create(this.events.from(Flux.error(new IllegalArgumentException("bad id"))))
			.verifyError(IllegalArgumentException.class);
	}

	@Test
	void otherErrorsAreSignalled() {
		StepVerifier
			.create(this.events.from(Flux.just(Delivery.of("1", Message.of("a")))
				.concatWith(Flux.error(new IllegalStateException("bug")))))
			.expectNextCount(1)
			.verifyError(IllegalStateException.class);
	}

	@Test
	void keepAliveCommentsComeWhileTheStreamIsIdleAndStopWithIt() {
		StepVerifier
			.withVirtualTime(() -> new SessionServerSentEvents(Duration.ofSeconds(15))
				.from(Flux.<Delivery>never().take(Duration.ofSeconds(40))))
			.expectSubscription()
			.thenAwait(Duration.ofSeconds(40))
			.assertNext((event) -> assertThat(event.comment()).isEqualTo("keep-alive"))
			.assertNext((event) -> assertThat(event.comment()).isEqualTo("keep-alive"))
			.verifyComplete();
	}

	@Test
	void storeSeesTheClientsDemandSoThatItsSlowConsumerBoundApplies() {
		AtomicLong requested = new AtomicLong();
		Flux<Delivery> deliveries = Flux.range(1, 1000)
			.map((i) -> Delivery.of(String.valueOf(i), Message.of("m" + i)))
			.doOnRequest((n) -> requested.addAndGet(n));
		StepVerifier.create(this.events.from(deliveries), 0)
			.thenRequest(1)
			.assertNext((event) -> assertThat(event.id()).isEqualTo("1"))
			.then(() -> assertThat(requested.get()).isLessThanOrEqualTo(3))
			.thenCancel()
			.verify();
	}

	@Test
	void keepAliveTicksWithoutDemandAreDroppedNotAnError() {
		StepVerifier
			.withVirtualTime(() -> new SessionServerSentEvents(Duration.ofSeconds(15))
				.from(Flux.<Delivery>never().take(Duration.ofMinutes(5))), 0)
			.expectSubscription()
			.thenAwait(Duration.ofMinutes(4))
			.thenRequest(1)
			.assertNext((event) -> assertThat(event.comment()).isEqualTo("keep-alive"))
			.thenRequest(Long.MAX_VALUE)
			.thenAwait(Duration.ofMinutes(1))
			.thenConsumeWhile((event) -> "keep-alive".equals(event.comment()))
			.verifyComplete();
	}

	@Test
	void streamEndsWhenTheRequestsConnectionCloses() {
		AtomicBoolean cancelled = new AtomicBoolean();
		Sinks.Empty<Void> closed = Sinks.empty();
		Flux<Delivery> deliveries = Flux.<Delivery>never().doOnCancel(() -> cancelled.set(true));
		// the client asks for nothing: a response whose first write never happened
		StepVerifier
			.create(this.events.from(deliveries)
				.contextWrite(Context.of(ClosedConnectionWebFilter.CONNECTION_CLOSED, closed.asMono())), 0)
			.expectSubscription()
			.then(closed::tryEmitEmpty)
			.verifyComplete();
		assertThat(cancelled).isTrue();
	}

	@Test
	void keepAliveMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SessionServerSentEvents(Duration.ZERO));
	}

}
