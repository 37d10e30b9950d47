package com.myunla.gateway.session.redis;

import java.util.List;
import java.util.concurrent.TimeUnit;

import com.myunla.gateway.session.Delivery;
import com.myunla.gateway.session.SessionNotFoundException;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * The live stream of one session on this instance: delivers the session's log in order,
 * exactly once.
 *
 * <p>
 * Messages normally arrive as pub/sub frames, each naming the entry before it. A frame
 * that follows the last delivered entry is delivered straight away; anything else (a
 * frame lost to a reconnect, a failover that rewound the log, frames racing a replay)
 * makes the stream read the log after its last delivered entry instead, which holds every
 * acknowledged message. Entries at or before the last delivered one are dropped, so a
 * message read from the log and then received as a frame is delivered once. A frame
 * carries the token of the stream it is for, and the session's delivered cursor never
 * moves beyond its last entry, so a forged frame cannot make this stream or a later one
 * skip messages.
 *
 * <p>
 * State changes happen under this object's lock, which decides the order of deliveries
 * whichever thread (pub/sub dispatch or a Redis reply) brings them; the deliveries are
 * queued there and handed to the subscriber after the lock is released, by one thread at
 * a time, so no subscriber is ever called while the lock is held ({@link StreamBuffer}
 * keeps the queue and its counts).
 *
 * <p>
 * The buffer is bounded in deliveries and in bytes of message data; a gap notice counts
 * as a delivery only, and one delivery always fits, whatever its size, so that a message
 * larger than the buffer (sent by an instance with other limits) does not cut every
 * stream that reaches it.
 *
 * <p>
 * Reading the log follows the subscriber's pace: a read asks for no more entries than the
 * buffer has room for, and for no more data than that, give or take one entry (the read
 * script stops after the entry that takes it beyond); entries that do not fit wait for
 * the next read, which waits until the subscriber has taken half of the buffer, in
 * deliveries and in bytes, and made room for the entry that did not fit. A replay longer
 * than the buffer therefore never overflows it; only live frames that a subscriber does
 * not take in time do, and, while a read waits for room, more live frames (or their data)
 * than the buffer holds.
 */
final class LiveStream {

	static final int READ_BATCH = 256;

	private final LiveStreamHost host;

	private final String sessionId;

	private final String token;

	private final StreamBuffer buffer;

	/** Data bytes that the read in progress asked for at most. */
	private long readBytes;

	/** Whether a read of the log waits for the subscriber to make room in the buffer. */
	private volatile boolean waiting;

	private final EntryId start;

	/**
	 * The client's own text for {@link #start}: what a gap notice and a slow consumer
	 * report name.
	 */
	private final String startId;

	private EntryId last;

	private boolean reading;

	/**
	 * Counts the reads started: the reply of a read that was sent again is not this
	 * stream's any more.
	 */
	private long reads;

	/** The read in flight, to cancel when it is sent again. */
	private @Nullable Disposable read;

	private boolean dirty;

	/**
	 * Whether the next entry read must be preceded by a gap notice whatever it names as
	 * its predecessor: the client's last id was lost by the log.
	 */
	private boolean lost;

	/**
	 * The position after which a gap notice went out: a read from there that had no room
	 * left for an entry after the notice is repeated, and must not say it again.
	 */
	private @Nullable EntryId gapSaidAt;

	/**
	 * Live messages announced by frames while the read waits for the subscriber to make
	 * room.
	 */
	private int unread;

	/** Data bytes of the {@link #unread} messages. */
	private long unreadBytes;

	private boolean ended;

	LiveStream(LiveStreamHost host, String sessionId, String token, int bufferSize, long bufferBytes, EntryId start,
			String startId, boolean lost) {
		this.host = host;
		this.sessionId = sessionId;
		this.token = token;
		this.buffer = new StreamBuffer(this, bufferSize, bufferBytes, start);
		this.start = start;
		this.startId = startId;
		this.last = start;
		this.lost = lost;
	}

	String sessionId() {
		return this.sessionId;
	}

	String token() {
		return this.token;
	}

	String deliveredId() {
		return this.buffer.deliveredId();
	}

	Flux<Delivery> flux() {
		return this.buffer.flux(() -> {
			if (this.waiting && !this.buffer.lacksRoom()) {
				resumeRead();
			}
		}).doFinally((signal) -> {
			synchronized (this) {
				this.ended = true;
			}
			this.host.streamEnded(this);
		});
	}

	/**
	 * Marks the stream ended when its sink refused a delivery.
	 */
	void refused() {
		synchronized (this) {
			this.ended = true;
		}
	}

	/**
	 * Returns the id of the last message delivered, as the client named it if nothing
	 * followed its own id.
	 * @param delivered the id of the last message delivered
	 */
	String lastDeliveredId(String delivered) {
		return delivered.equals(this.start.toString()) ? this.startId : delivered;
	}

	void start() {
		catchUp();
	}

	void onMessage(Frame frame) {
		synchronized (this) {
			if (this.ended || !frame.id().isAfter(this.last)) {
				return;
			}
			if (this.waiting) {
				this.unread++;
				this.unreadBytes += frame.message().data().length;
			}
			if (this.waiting && this.unread > this.buffer.bufferSize()) {
				// more live messages than the buffer holds arrived while the subscriber
				// made no room: it fell behind as surely as if they had been queued
				this.buffer.fellBehind();
			}
			else if (this.waiting && this.unread > 1 && this.unreadBytes > this.buffer.bufferBytes()) {
				this.buffer.fellBehindInBytes();
			}
			else if (!this.reading && !this.waiting && !this.lost && frame.previous().equals(this.last)) {
				enqueue(frame.id(), Delivery.of(frame.id().toString(), frame.message()));
				// the entry id's time is the Redis server's clock when the send was
				// acknowledged
				this.host.statistics()
					.onLatency(TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis() - frame.id().millis()));
			}
			else {
				startRead();
			}
		}
		this.buffer.drain();
	}

	void catchUp() {
		synchronized (this) {
			startRead();
		}
		this.buffer.drain();
	}

	void complete() {
		end(null);
	}

	/**
	 * Ends the stream with an error, after the deliveries already decided.
	 */
	void fail(RuntimeException error) {
		end(error);
	}

	private void end(@Nullable Throwable error) {
		synchronized (this) {
			if (this.ended) {
				return;
			}
			this.ended = true;
			this.buffer.terminate(error);
		}
		this.buffer.drain();
	}

	private void startRead() {
		if (this.ended) {
			return;
		}
		if (this.reading) {
			this.dirty = true;
			return;
		}
		if (this.buffer.lacksRoom()) {
			// set before checking again, so that a subscriber taking the last deliveries
			// meanwhile sees it
			this.waiting = true;
			if (this.buffer.lacksRoom()) {
				return;
			}
		}
		this.waiting = false;
		this.unread = 0;
		this.unreadBytes = 0;
		this.reading = true;
		this.dirty = false;
		EntryId from = this.last;
		int count = Math.min(READ_BATCH, this.buffer.bufferSize() - this.buffer.queued());
		this.readBytes = this.buffer.bufferBytes() - this.buffer.queuedBytes();
		long number = ++this.reads;
		this.read = this.host.read(this.sessionId, from, count, this.readBytes)
			.subscribe((entries) -> onEntries(number, from, count, entries), (error) -> onReadError(number, error));
	}

	/**
	 * Sends the read in flight again, after the cluster's topology changed: it may wait
	 * on a master that died, until the command timeout, while the replica that took its
	 * place already holds the session's log, and the messages sent meanwhile could
	 * outgrow the retention. The read sent again goes to the node serving the session
	 * now.
	 */
	void readAgain() {
		synchronized (this) {
			if (!this.reading || this.ended) {
				return;
			}
			Disposable read = this.read;
			if (read != null) {
				read.dispose();
			}
			this.reading = false;
			startRead();
		}
		this.buffer.drain();
	}

	private void resumeRead() {
		synchronized (this) {
			if (!this.waiting || this.reading) {
				return;
			}
			startRead();
		}
		this.buffer.drain();
	}

	private void onEntries(long number, EntryId from, int count, List<SessionScripts.Entry> entries) {
		synchronized (this) {
			if (number != this.reads) {
				return;
			}
			this.reading = false;
			if (this.ended) {
				return;
			}
			if (!entries.isEmpty() && !from.equals(this.gapSaidAt)
					&& (this.lost || isGap(from, entries.get(0).previous()))) {
				// Entries after the stream's position are not in the log: trimmed while
				// the stream could not read (a resume from an old id, an outage longer
				// than the retention), or lost by a failover. Say so before going on,
				// as a resume does.
				this.lost = false;
				this.gapSaidAt = from;
				String lastEventId = from.equals(this.start) ? this.startId : from.toString();
				this.buffer.addGap(Delivery.gap(lastEventId, entries.get(0).id().toString()));
			}
			boolean full = false;
			long read = 0;
			this.buffer.blocked(0);
			for (SessionScripts.Entry entry : entries) {
				int size = entry.message().data().length;
				read += size;
				if (this.buffer.queued() >= this.buffer.bufferSize()) {
					// the gap notice took a place the read counted on: the rest comes
					// with the next read
					full = true;
					break;
				}
				if (entry.id().isAfter(this.last)) {
					if (this.buffer.queued() > 0 && this.buffer.queuedBytes() + size > this.buffer.bufferBytes()) {
						// the read's last entry goes beyond the room in bytes: it comes
						// with a later read, once the subscriber made room
						this.buffer.blocked(size);
						full = true;
						break;
					}
					enqueue(entry.id(), Delivery.of(entry.id().toString(), entry.message()));
					this.host.statistics().onReplayed();
				}
			}
			// more data than asked for: the read stopped after the entry that went beyond
			if (this.dirty || full || entries.size() == count || read > this.readBytes) {
				startRead();
			}
		}
		this.buffer.drain();
	}

	/**
	 * Returns whether the first entry read after a position does not follow it directly:
	 * every entry names the one before it, so anything else means entries in between are
	 * gone. An entry whose predecessor is unreadable reports no gap.
	 */
	private static boolean isGap(EntryId position, EntryId previous) {
		return !previous.equals(position) && !previous.equals(EntryId.UNKNOWN);
	}

	private void onReadError(long number, Throwable error) {
		synchronized (this) {
			if (number != this.reads) {
				return;
			}
			this.reading = false;
		}
		if (error instanceof SessionNotFoundException) {
			complete();
		}
		else if (error instanceof IllegalStateException) {
			// the session's data is damaged: reading again cannot help, so end the stream
			// saying why
			end(error);
		}
		else {
			this.host.readFailed(error);
		}
	}

	private void enqueue(EntryId id, Delivery delivery) {
		this.buffer.add(delivery);
		this.last = id;
	}

}
