package com.myunla.gateway.session.redis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The live streams this instance holds, by session id, and its takeovers still waiting
 * for their reply.
 *
 * <p>
 * A takeover frame (published by a later takeover, on any instance) may overtake the
 * reply of the takeover it supersedes, since pub/sub and commands use different
 * connections. So a takeover is marked pending until its stream is adopted; a frame that
 * replaces a pending takeover marks it superseded, and its stream is completed on arrival
 * instead of becoming live. Adopting a stream and handling a frame happen under one lock;
 * streams are completed after it is released.
 */
final class LocalStreams {

	private final Map<String, LiveStream> streams = new ConcurrentHashMap<>();

	/**
	 * Tokens of takeovers whose reply has not arrived yet, each with whether a later
	 * takeover replaced it.
	 */
	private final Map<String, Boolean> pending = new ConcurrentHashMap<>();

	private final Object lock = new Object();

	/**
	 * Records a takeover about to be sent.
	 */
	void takeoverStarted(String token) {
		this.pending.put(token, Boolean.FALSE);
	}

	/**
	 * Forgets a takeover that failed or was answered.
	 */
	void takeoverEnded(String token) {
		this.pending.remove(token);
	}

	/**
	 * Makes a stream whose takeover was answered the session's local live stream,
	 * completing the one it replaces, unless a later takeover already replaced it.
	 * @return whether the stream became live; if not, the caller completes it
	 */
	boolean adopt(LiveStream stream) {
		LiveStream previous = null;
		boolean superseded;
		synchronized (this.lock) {
			superseded = Boolean.TRUE.equals(this.pending.remove(stream.token()));
			if (!superseded) {
				previous = this.streams.put(stream.sessionId(), stream);
			}
		}
		if (previous != null) {
			previous.complete();
		}
		return !superseded;
	}

	/**
	 * Handles a takeover frame: completes the stream it replaced, or marks that stream's
	 * pending takeover.
	 */
	void takenOver(String sessionId, String replacedToken) {
		LiveStream replaced;
		synchronized (this.lock) {
			this.pending.computeIfPresent(replacedToken, (token, superseded) -> Boolean.TRUE);
			LiveStream stream = this.streams.get(sessionId);
			replaced = (stream != null && stream.token().equals(replacedToken)) ? stream : null;
		}
		if (replaced != null) {
			replaced.complete();
		}
	}

	/**
	 * Completes the session's local live stream, if there is one.
	 */
	void complete(String sessionId) {
		LiveStream stream = this.streams.get(sessionId);
		if (stream != null) {
			stream.complete();
		}
	}

	@Nullable LiveStream get(String sessionId) {
		return this.streams.get(sessionId);
	}

	void remove(LiveStream stream) {
		this.streams.remove(stream.sessionId(), stream);
	}

	Collection<LiveStream> all() {
		return this.streams.values();
	}

	int size() {
		return this.streams.size();
	}

	/**
	 * Removes every stream and returns them.
	 */
	List<LiveStream> clear() {
		List<LiveStream> open = new ArrayList<>(this.streams.values());
		this.streams.clear();
		return open;
	}

}
