package com.myunla.gateway.session.redis;

import java.time.Duration;
import java.util.List;

import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.memory.MemoryStore;
import com.myunla.gateway.session.spi.StoreObservations;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Observations of sends, deliveries and resumes with Micrometer Tracing's test tracer and
 * its propagating handlers: a send on one store instance and its delivery on another,
 * sharing one real Redis server, are one trace, live and on replay; the in-memory store
 * too; without a registry messages are unchanged.
 */
@RequiresRedis
class StoreTracingTests {

	@RegisterExtension
	static final SingleRedisFleet redis = new SingleRedisFleet();

	private final SimpleTracer tracer = new SimpleTracer();

	private final ObservationRegistry registry = tracingRegistry(this.tracer);

	@Test
	void deliveryOnAnotherRedisInstanceContinuesTheTraceOfTheSend() {
		RedisStore a = redis.stores().start("a", (builder) -> builder.observationRegistry(this.registry));
		RedisStore b = redis.stores().start("b", (builder) -> builder.observationRegistry(this.registry));
		Recorder stream = Recorder.record(a.register(RedisStoreTests.meta("s1")).block().events());
		SimpleSpan parent = sendInParentSpan(b, Message.of("update", "traced"));
		stream.awaitCount(1);
		SimpleSpan send = finishedSpan(StoreObservations.SEND);
		SimpleSpan delivery = finishedSpan(StoreObservations.DELIVERY);
		assertChildOf(send, parent);
		assertChildOf(delivery, send);
		assertThat(send.getKind()).isEqualTo(Span.Kind.PRODUCER);
		assertThat(delivery.getKind()).isEqualTo(Span.Kind.CONSUMER);
		assertThat(send.getTags()).containsEntry(StoreObservations.STORE_KEY, "redis")
			.containsEntry(StoreObservations.OUTCOME_KEY, "success")
			.doesNotContainValue("s1");
		assertThat(stream.deliveries().get(0).message().headers()).containsOnlyKeys(TestPropagator.FIELDS);
	}

	@Test
	void replayFromTheRedisLogContinuesTheTraceOfTheSend() {
		RedisStore a = redis.stores().start("a", (builder) -> builder.observationRegistry(this.registry));
		RedisStore b = redis.stores().start("b", (builder) -> builder.observationRegistry(this.registry));
		a.register(RedisStoreTests.meta("s1")).block();
		SimpleSpan parent = sendInParentSpan(b, Message.of("update", "traced"));
		SimpleSpan send = finishedSpan(StoreObservations.SEND);
		assertChildOf(send, parent);
		Observation reconnect = Observation.start("http.server.requests", this.registry);
		List<Delivery> replayed = a.get("s1")
			.block()
			.events("0")
			.take(1)
			.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, reconnect))
			.collectList()
			.block();
		reconnect.stop();
		assertThat(replayed).hasSize(1);
		assertChildOf(finishedSpan(StoreObservations.DELIVERY), send);
		SimpleSpan resume = finishedSpan(StoreObservations.RESUME);
		assertChildOf(resume, lastSpan("http.server.requests"));
		assertThat(resume.getTags()).containsEntry(StoreObservations.GAP_KEY, "false")
			.containsEntry(StoreObservations.OUTCOME_KEY, "cancelled");
	}

	@Test
	void memoryStoreDeliveryContinuesTheTraceOfTheSend() {
		MemoryStore store = MemoryStore.builder().observationRegistry(this.registry).build();
		try {
			Recorder stream = Recorder.record(store.register(RedisStoreTests.meta("s1")).block().events());
			SimpleSpan parent = sendInParentSpan(store, Message.of("update", "traced"));
			stream.awaitCount(1);
			SimpleSpan send = finishedSpan(StoreObservations.SEND);
			assertChildOf(send, parent);
			assertChildOf(finishedSpan(StoreObservations.DELIVERY), send);
			assertThat(send.getTags()).containsEntry(StoreObservations.STORE_KEY, "memory");
		}
		finally {
			store.close();
		}
	}

	@Test
	void withoutARegistryMessagesAndDeliveriesAreUnchanged() {
		RedisStore a = redis.stores().start("a");
		RedisStore b = redis.stores().start("b", (builder) -> builder.observationRegistry(ObservationRegistry.NOOP));
		Recorder stream = Recorder.record(a.register(RedisStoreTests.meta("s1")).block().events());
		Message message = Message.of("update", "plain");
		sendInParentSpan(b, message);
		stream.awaitCount(1);
		assertThat(stream.deliveries().get(0).message()).isEqualTo(message);
		assertThat(stream.deliveries().get(0).message().headers()).isEmpty();
		assertThat(this.tracer.getSpans()).extracting(SimpleSpan::getName).containsExactly("http.server.requests");
	}

	/**
	 * Sends a message inside a parent observation that the subscriber's context carries,
	 * as Spring's WebFlux server observations do; returns the parent's span.
	 */
	private SimpleSpan sendInParentSpan(Store store, Message message) {
		Observation parent = Observation.start("http.server.requests", this.registry);
		store.send("s1", message)
			.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, parent))
			.block(Duration.ofSeconds(10));
		parent.stop();
		return lastSpan("http.server.requests");
	}

	private SimpleSpan lastSpan(String name) {
		return this.tracer.getSpans()
			.stream()
			.filter((span) -> name.equals(span.getName()))
			.reduce((first, second) -> second)
			.orElseThrow();
	}

	private SimpleSpan finishedSpan(String name) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> this.tracer.getSpans()
				.stream()
				.filter((span) -> name.equals(span.getName()) && span.getEndTimestamp().toEpochMilli() != 0)
				.reduce((first, second) -> second)
				.orElse(null), (span) -> span != null);
	}

	private static void assertChildOf(SimpleSpan child, SimpleSpan parent) {
		assertThat(child.getTraceId()).isEqualTo(parent.getTraceId());
		assertThat(child.getParentId()).as("parent of %s", child.getName()).isEqualTo(parent.getSpanId());
	}

	static ObservationRegistry tracingRegistry(SimpleTracer tracer) {
		TestPropagator propagator = new TestPropagator(tracer);
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig()
			.observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
					new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
					new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
					new DefaultTracingObservationHandler(tracer)));
		return registry;
	}

	/**
	 * A propagator for the test tracer, which has none: the trace and span ids in two
	 * fields.
	 */
	static final class TestPropagator implements Propagator {

		static final List<String> FIELDS = List.of("test-trace-id", "test-span-id");

		private final SimpleTracer tracer;

		TestPropagator(SimpleTracer tracer) {
			this.tracer = tracer;
		}

		@Override
		public List<String> fields() {
			return FIELDS;
		}

		@Override
		public <C> void inject(TraceContext context, C carrier, Setter<C> setter) {
			setter.set(carrier, FIELDS.get(0), context.traceId());
			setter.set(carrier, FIELDS.get(1), context.spanId());
		}

		@Override
		public <C> Span.Builder extract(C carrier, Getter<C> getter) {
			String traceId = getter.get(carrier, FIELDS.get(0));
			String spanId = getter.get(carrier, FIELDS.get(1));
			Span.Builder builder = this.tracer.spanBuilder();
			if (traceId != null && spanId != null) {
				builder
					.setParent(this.tracer.traceContextBuilder().traceId(traceId).spanId(spanId).sampled(true).build());
			}
			return builder;
		}

	}

}
