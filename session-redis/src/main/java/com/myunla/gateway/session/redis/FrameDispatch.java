package com.myunla.gateway.session.redis;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Hands the frames that arrive on this instance's channels to the local streams, and
 * counts them. A malformed frame is ignored and logged, at most once per 10 seconds.
 */
final class FrameDispatch {

	/** Logs under the channel's name, where operators look for its warnings. */
	private static final Log logger = LogFactory.getLog(InstanceChannel.class);

	private static final Duration WARNING_INTERVAL = Duration.ofSeconds(10);

	private final String topic;

	private final LocalStreams streams;

	private final AtomicLong receivedMessages = new AtomicLong();

	private final AtomicLong ignoredFrames = new AtomicLong();

	private volatile long lastWarning;

	/**
	 * Creates the dispatch of one instance.
	 * @param topic the instance's classic channel, which the warnings name
	 * @param streams the local streams
	 */
	FrameDispatch(String topic, LocalStreams streams) {
		this.topic = topic;
		this.streams = streams;
	}

	long receivedMessages() {
		return this.receivedMessages.get();
	}

	long ignoredFrames() {
		return this.ignoredFrames.get();
	}

	/**
	 * Hands a frame that arrived on one of this instance's channels to the local streams;
	 * a liveness probe to the given handler, since each channel has its own probes.
	 */
	void dispatch(byte[] body, Consumer<String> probes) {
		Frame frame;
		try {
			frame = Frame.parse(body);
		}
		catch (RuntimeException ex) {
			ignore(body, ex);
			return;
		}
		switch (frame.kind()) {
			case Frame.MESSAGE -> {
				this.receivedMessages.incrementAndGet();
				LiveStream stream = this.streams.get(frame.sessionId());
				// A frame for an earlier stream of the session (or a forged one) is not
				// this stream's: the log holds everything the stream needs.
				if (stream != null && stream.token().equals(frame.token())) {
					stream.onMessage(frame);
				}
			}
			case Frame.TAKEN_OVER -> this.streams.takenOver(frame.sessionId(), frame.replacedToken());
			case Frame.UNREGISTERED -> {
				LiveStream stream = this.streams.get(frame.sessionId());
				if (stream != null) {
					stream.complete();
				}
			}
			default -> probes.accept(frame.sessionId());
		}
	}

	private void ignore(byte[] body, RuntimeException reason) {
		long count = this.ignoredFrames.incrementAndGet();
		long now = System.nanoTime();
		if (now - this.lastWarning > WARNING_INTERVAL.toNanos() || count == 1) {
			this.lastWarning = now;
			logger.warn("Ignored a malformed frame of " + body.length + " bytes on channel '" + this.topic + "' ("
					+ reason.getMessage() + "); " + count + " ignored so far");
		}
	}

}
