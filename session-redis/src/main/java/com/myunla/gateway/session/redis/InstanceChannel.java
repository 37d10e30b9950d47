package com.myunla.gateway.session.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.myunla.gateway.session.StoreUnavailableException;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.event.connection.ReconnectAttemptEvent;
import io.lettuce.core.resource.ClientResources;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Schedulers;

import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * This instance's pub/sub channel: dispatches the frames that arrive on it to the local
 * streams, and watches that it works. A liveness probe published to the channel every
 * probe interval must come back; one that does not marks the subscription unhealthy and,
 * when repeated, makes the channel resubscribe. Once a probe comes back after a problem
 * (or after any reconnect of the Redis client), every local stream catches up from its
 * log and the streams' ownership is checked, since frames published in between are lost.
 */
final class InstanceChannel {

	private static final Log logger = LogFactory.getLog(InstanceChannel.class);

	private final RedisMessageListenerContainer container;

	private final ChannelTopic channel;

	private final RedisStoreSettings settings;

	private final RedisCalls redis;

	private final LocalStreams streams;

	private final Runnable afterRecovery;

	private final FrameDispatch frames;

	private final MessageListener listener = (message, pattern) -> onFrame(message.getBody());

	private final AtomicLong probeCounter = new AtomicLong();

	private final AtomicBoolean resubscribing = new AtomicBoolean();

	private final CompletableFuture<Void> probeReturned = new CompletableFuture<>();

	private final Probe probe = new Probe();

	private final AtomicBoolean needsCatchUp = new AtomicBoolean();

	private final AtomicLong probeFailures = new AtomicLong();

	private volatile long lastGoodProbe;

	/**
	 * {@link System#nanoTime()} of the last probe that came back, or of the subscription:
	 * how long the instance has been without Redis.
	 */
	private volatile long lastAnswer = System.nanoTime();

	/** Whether the open streams were ended for the current outage. */
	private volatile boolean streamsEnded;

	/**
	 * Creates the channel of one store.
	 * @param afterRecovery checks the ownership of every local stream, after frames may
	 * have been lost
	 */
	InstanceChannel(RedisMessageListenerContainer container, String channel, RedisStoreSettings settings,
			RedisCalls redis, LocalStreams streams, Runnable afterRecovery) {
		this.container = container;
		this.channel = new ChannelTopic(channel);
		this.settings = settings;
		this.redis = redis;
		this.streams = streams;
		this.afterRecovery = afterRecovery;
		this.frames = new FrameDispatch(channel, streams);
	}

	/**
	 * Subscribes and waits until a probe comes back.
	 * @throws IllegalStateException if no probe comes back in time
	 */
	void subscribe(Duration wait) {
		this.container.addMessageListener(this.listener, this.channel);
		if (!this.container.isRunning()) {
			this.container.start();
		}
		long deadline = System.nanoTime() + wait.toNanos();
		while (System.nanoTime() < deadline) {
			sendProbe();
			try {
				this.probeReturned.get(200, TimeUnit.MILLISECONDS);
				this.probe.markHealthy();
				return;
			}
			catch (TimeoutException ex) {
				// the subscription is not active yet: probe again
			}
			catch (Exception ex) {
				throw new IllegalStateException("Interrupted while subscribing to " + this.channel.getTopic(), ex);
			}
		}
		throw new IllegalStateException("Could not subscribe to Redis channel '" + this.channel.getTopic() + "' ("
				+ this.settings.target() + ") within " + wait);
	}

	void unsubscribe() {
		try {
			this.container.removeMessageListener(this.listener);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not remove the session listener", ex);
		}
	}

	/**
	 * Runs one liveness check: notes whether the last probe came back, resubscribes after
	 * repeated misses, and sends the next probe.
	 */
	void probe() {
		endStreamsAfterALongOutage();
		if (!this.probe.isAnswered() && !this.resubscribing.get()) {
			this.probeFailures.incrementAndGet();
			this.probe.missed();
			this.needsCatchUp.set(true);
			// A probe that Redis did not acknowledge (the command connection fails or is
			// slow, as during a failover) says nothing about the subscription:
			// restarting the listener container for it would only drop the frames that
			// still arrive.
			if (this.probe.lostTwice()) {
				logger.warn("Pub/sub liveness probes on '" + this.channel.getTopic() + "' (" + this.settings.target()
						+ ") did not come back; resubscribing");
				resubscribe();
			}
		}
		sendProbe();
	}

	/**
	 * Called after the Redis client reconnected: frames may have been lost, so catch up
	 * once a probe returns.
	 */
	void reconnected() {
		this.needsCatchUp.set(true);
		// the probes missed so far are explained by the reconnect: the next tick must not
		// count this probe, sent just now, as a second miss and resubscribe
		this.probe.forgetMisses();
		sendProbe();
	}

	/**
	 * Makes the streams catch up once a probe comes back, after a read failed.
	 */
	void catchUpLater() {
		this.needsCatchUp.set(true);
	}

	/**
	 * Catches up after every reconnect of the Redis client, which may have dropped
	 * pub/sub frames, once the channel works again.
	 * <p>
	 * Only a connection that was lost and comes back can have dropped frames. The client
	 * announces the first attempt to bring a lost connection back
	 * ({@link ReconnectAttemptEvent} number 1); an activation is taken for a reconnect
	 * while such attempts outnumber the activations that answered them. Connections
	 * opened afresh are activated without one and are ignored in a cluster: a cluster
	 * client opens one to every node for each topology refresh, and catching up on those
	 * would make every local stream read its log every refresh interval. An activation of
	 * another connection taken for a reconnect is harmless: the catch-up waits for a
	 * probe to come back, which the lost subscription cannot bring before it is restored.
	 * <p>
	 * On a single server or Sentinel no connection is opened periodically, and the
	 * activation of a fresh connection counts too: the listener container recovers a lost
	 * subscription on a new connection, and catching up as soon as it is active, rather
	 * than at the next probe, reads the messages sent meanwhile before the log's
	 * retention can trim them.
	 * @param freshConnectionsToo whether the activation of a connection opened afresh
	 * counts as a reconnect
	 */
	void watchReconnects(ClientResources resources, StoreTimers timers, boolean freshConnectionsToo) {
		AtomicInteger reconnecting = new AtomicInteger();
		timers.cancelOnStop(resources.eventBus().get().subscribe((event) -> {
			if (event instanceof ReconnectAttemptEvent attempt && attempt.getAttempt() == 1) {
				reconnecting.incrementAndGet();
			}
			else if (event instanceof ConnectionActivatedEvent
					&& (freshConnectionsToo || reconnecting.getAndUpdate((count) -> Math.max(0, count - 1)) > 0)) {
				timers.schedule(this::reconnected);
			}
		}));
	}

	long receivedMessages() {
		return this.frames.receivedMessages();
	}

	long ignoredFrames() {
		return this.frames.ignoredFrames();
	}

	boolean isHealthy() {
		return this.probe.isHealthy();
	}

	long probeFailures() {
		return this.probeFailures.get();
	}

	long lastGoodProbe() {
		return this.lastGoodProbe;
	}

	/**
	 * Says why the subscription is not known to work, or {@code null} while it is.
	 */
	@Nullable String unhealthyReason() {
		return this.probe.isHealthy() ? null : this.probe.unhealthyReason("channel '" + this.channel.getTopic() + "'");
	}

	private void onFrame(byte[] body) {
		dispatch(body, this::onProbe);
	}

	/**
	 * Hands a frame that arrived on one of this instance's channels to the local streams;
	 * a liveness probe to the given handler, since each channel has its own probes.
	 */
	void dispatch(byte[] body, Consumer<String> probes) {
		this.frames.dispatch(body, probes);
	}

	private void sendProbe() {
		String nonce = this.settings.instanceId() + "/" + this.probeCounter.incrementAndGet();
		this.probe.send(nonce, this.redis.publish(SessionScripts.bytes(this.channel.getTopic()), Frame.probe(nonce)),
				logger, "Could not publish a liveness probe");
	}

	private void onProbe(String nonce) {
		if (!this.probe.answer(nonce)) {
			return;
		}
		this.lastGoodProbe = System.currentTimeMillis();
		this.lastAnswer = System.nanoTime();
		if (this.streamsEnded) {
			this.streamsEnded = false;
			logger.info("Liveness probes on '" + this.channel.getTopic() + "' (" + this.settings.target()
					+ ") come back again");
		}
		this.probe.succeeded();
		this.probeReturned.complete(null);
		catchUpIfNeeded();
	}

	/**
	 * Sends the log reads of the local streams that wait for a reply again, to the nodes
	 * that serve their sessions now.
	 * @see LiveStream#readAgain()
	 */
	void readAgain() {
		this.streams.all().forEach(LiveStream::readAgain);
	}

	/**
	 * Makes the streams catch up if a lost subscription or a failed read asked for it,
	 * now that a probe came back: over this channel, or in a cluster over a shard
	 * channel, where the messages arrive. A cluster client publishes this channel's probe
	 * over a connection of its choice, which may stay on a failed master for long after a
	 * failover, while the shard channels follow the new master.
	 */
	void catchUpIfNeeded() {
		// compareAndSet: a reconnect noted while this catch-up starts keeps its flag for
		// the next probe
		if (this.needsCatchUp.compareAndSet(true, false)) {
			// Frames published while the subscription was down are lost: read the
			// messages from the logs, and check that every local stream still owns its
			// session (a takeover frame may be among the lost).
			this.streams.all().forEach(LiveStream::catchUp);
			this.afterRecovery.run();
		}
	}

	/**
	 * Ends the open streams once no probe came back for the stream outage timeout: the
	 * instance cannot say what they miss meanwhile (other instances may go on sending),
	 * and their clients resume, on an instance that reaches Redis, with their last event
	 * id. A shorter outage is caught up from the logs once probes come back. Logged once
	 * an outage.
	 */
	private void endStreamsAfterALongOutage() {
		long silent = System.nanoTime() - this.lastAnswer;
		if (this.probe.isHealthy() || silent < this.settings.streamOutageTimeout().toNanos()) {
			return;
		}
		List<LiveStream> open = List.copyOf(this.streams.all());
		if (!this.streamsEnded) {
			this.streamsEnded = true;
			logger.warn("No liveness probe came back on '" + this.channel.getTopic() + "' (" + this.settings.target()
					+ ") for " + Duration.ofNanos(silent).toSeconds() + " s; ending " + open.size()
					+ " open streams until Redis answers again, so that their clients resume elsewhere");
		}
		IllegalStateException cause = new IllegalStateException(unhealthyReason());
		for (LiveStream stream : open) {
			stream.fail(
					new StoreUnavailableException(
							"The stream of session '" + stream.sessionId() + "' ended: Redis did not answer for "
									+ this.settings.streamOutageTimeout() + " (" + this.settings.target() + ")",
							cause));
		}
	}

	private void resubscribe() {
		if (!this.resubscribing.compareAndSet(false, true)) {
			return;
		}
		Schedulers.boundedElastic().schedule(() -> {
			try {
				this.container.stop();
				this.container.start();
				// Frames published while the container restarted are lost, and a probe
				// that came back over the old subscription before it stopped may have
				// consumed the catch-up already: catch up again once a probe comes back
				// over the new subscription.
				reconnected();
			}
			catch (RuntimeException ex) {
				logger.warn("Resubscribing to '" + this.channel.getTopic() + "' failed; retrying at the next probe",
						ex);
			}
			finally {
				this.resubscribing.set(false);
			}
		});
	}

}
