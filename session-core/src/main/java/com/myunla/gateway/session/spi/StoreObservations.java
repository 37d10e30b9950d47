package com.myunla.gateway.session.spi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.Message;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.transport.Propagator;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.util.context.ContextView;

/**
 * The Micrometer {@link Observation}s of a store: a store that was given an
 * {@link ObservationRegistry} creates one and passes its sends and streams through it.
 * Without a registry (or with {@link ObservationRegistry#NOOP}) a store creates none and
 * observes nothing, at no cost per message.
 *
 * <ul>
 * <li>{@value #SEND} observes a send, from subscription to acknowledgement. It is a
 * sender observation ({@link SenderContext}) whose carrier becomes the message's
 * {@linkplain Message#headers() headers}: with Micrometer Tracing, its propagating
 * handler writes the trace context there, and the message carries it to its delivery on
 * whichever instance. Its parent is the caller's current observation: the one under
 * {@link ObservationThreadLocalAccessor#KEY} in the subscriber's Reactor context (where
 * Spring's WebFlux server observations put it), else the registry's current one (the
 * thread's, as in Spring MVC).</li>
 * <li>{@value #DELIVERY} observes the handing of a delivered message to the stream's
 * subscriber (the subscriber's processing of it runs in its scope). It is a receiver
 * observation ({@link ReceiverContext}) reading the message's headers, so that a tracer
 * continues the sender's trace, live or on replay. Gap notices are not observed.</li>
 * <li>{@value #RESUME} observes a stream opened with a last event id, from subscription
 * until it ends; its parent is found as for a send.</li>
 * </ul>
 * All carry the low-cardinality key {@value #STORE_KEY} (the store's kind, such as
 * {@code memory} or {@code redis}) and, once stopped, {@value #OUTCOME_KEY}:
 * {@code success}, {@code error} or {@code cancelled}; a resume also carries
 * {@value #GAP_KEY}, whether the stream began with a gap notice. No session id or message
 * content is recorded.
 *
 * @since 0.1.0
 */
public final class StoreObservations {

	/** Name of the observation of a send. */
	public static final String SEND = "session.send";

	/** Name of the observation of a delivery. */
	public static final String DELIVERY = "session.delivery";

	/** Name of the observation of a resumed stream. */
	public static final String RESUME = "session.resume";

	/** Low-cardinality key naming the kind of store. */
	public static final String STORE_KEY = "session.store";

	/** Low-cardinality key naming how the observed operation ended. */
	public static final String OUTCOME_KEY = "outcome";

	/** Low-cardinality key of a resume: whether the stream began with a gap notice. */
	public static final String GAP_KEY = "session.gap";

	private static final Propagator.Setter<Map<String, String>> SETTER = (carrier, key, value) -> {
		if (carrier != null) {
			carrier.put(key, value);
		}
	};

	private static final Propagator.Getter<Message> GETTER = Message::header;

	private static final KeyValue SUCCESS = KeyValue.of(OUTCOME_KEY, "success");

	private static final KeyValue ERROR = KeyValue.of(OUTCOME_KEY, "error");

	private static final KeyValue CANCELLED = KeyValue.of(OUTCOME_KEY, "cancelled");

	private final ObservationRegistry registry;

	private final String remoteServiceName;

	private final KeyValue storeKeyValue;

	private StoreObservations(ObservationRegistry registry, String store) {
		this.registry = registry;
		this.remoteServiceName = "session-store-" + store;
		this.storeKeyValue = KeyValue.of(STORE_KEY, store);
	}

	/**
	 * Returns the observations of a store, or {@code null} if there is nothing to observe
	 * with.
	 * @param registry the registry, {@code null} for none
	 * @param store the kind of store, its {@value #STORE_KEY}
	 * @return the observations, or {@code null} if the registry is {@code null} or a
	 * no-op
	 */
	public static @Nullable StoreObservations create(@Nullable ObservationRegistry registry, String store) {
		return (registry == null || registry.isNoop()) ? null : new StoreObservations(registry, store);
	}

	/**
	 * Observes a send: starts the send observation, which may add headers to the message,
	 * then sends the message with them.
	 * @param message the message to send
	 * @param send sends a message
	 * @return the observed send
	 */
	public Mono<Void> send(Message message, Function<Message, Mono<Void>> send) {
		if (message == null) {
			return send.apply(null);
		}
		return Mono.deferContextual((context) -> {
			Map<String, String> carrier = new LinkedHashMap<>(message.headers());
			SenderContext<Map<String, String>> sender = new SenderContext<>(SETTER);
			sender.setCarrier(carrier);
			sender.setRemoteServiceName(this.remoteServiceName);
			Observation observation = start(SEND, sender, context);
			Message traced;
			try {
				traced = carrier.equals(message.headers()) ? message : message.withHeaders(carrier);
			}
			catch (IllegalArgumentException ex) {
				observation.error(ex);
				stop(observation, SignalType.ON_ERROR);
				return Mono.error(ex);
			}
			return observed(send.apply(traced), observation)
				.contextWrite((inner) -> inner.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	/**
	 * Observes a stream: each delivery of a message, and for a resumed stream the stream
	 * itself.
	 * @param lastEventId the id the stream resumes after, {@code null} for none
	 * @param events the stream
	 * @return the observed stream
	 */
	public Flux<Delivery> events(@Nullable String lastEventId, Flux<Delivery> events) {
		Flux<Delivery> delivered = events.handle((delivery, sink) -> {
			if (delivery.isGap()) {
				sink.next(delivery);
				return;
			}
			ReceiverContext<Message> receiver = new ReceiverContext<>(GETTER);
			receiver.setCarrier(delivery.message());
			// the message's headers link the delivery to its send, not the thread's
			// current observation
			Observation observation = Observation.createNotStarted(DELIVERY, () -> receiver, this.registry)
				.lowCardinalityKeyValue(this.storeKeyValue)
				.contextualName(DELIVERY)
				.parentObservation(null)
				.start();
			SignalType outcome = SignalType.ON_ERROR;
			try (Observation.Scope scope = observation.openScope()) {
				sink.next(delivery);
				outcome = SignalType.ON_COMPLETE;
			}
			catch (RuntimeException | Error ex) {
				observation.error(ex);
				throw ex;
			}
			finally {
				stop(observation, outcome);
			}
		});
		if (lastEventId == null) {
			return delivered;
		}
		return Flux.deferContextual((context) -> {
			Observation observation = start(RESUME, new Observation.Context(), context).lowCardinalityKeyValue(GAP_KEY,
					"false");
			boolean[] first = { true };
			return observed(delivered.doOnNext((delivery) -> {
				if (first[0]) {
					first[0] = false;
					observation.lowCardinalityKeyValue(GAP_KEY, Boolean.toString(delivery.isGap()));
				}
			}), observation);
		});
	}

	private Observation start(String name, Observation.Context context, ContextView subscriber) {
		Observation parent = subscriber.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
		if (parent == null) {
			parent = this.registry.getCurrentObservation();
		}
		return Observation.createNotStarted(name, () -> context, this.registry)
			.lowCardinalityKeyValue(this.storeKeyValue)
			.contextualName(name)
			.parentObservation(parent)
			.start();
	}

	private static Mono<Void> observed(Mono<Void> mono, Observation observation) {
		return mono.doOnError(observation::error).doFinally((signal) -> stop(observation, signal));
	}

	private static Flux<Delivery> observed(Flux<Delivery> flux, Observation observation) {
		return flux.doOnError(observation::error).doFinally((signal) -> stop(observation, signal));
	}

	private static void stop(Observation observation, SignalType signal) {
		KeyValue outcome = switch (signal) {
			case ON_ERROR -> ERROR;
			case CANCEL -> CANCELLED;
			default -> SUCCESS;
		};
		observation.lowCardinalityKeyValue(outcome).stop();
	}

}
