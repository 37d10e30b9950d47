package com.myunla.gateway.session.redis;

import java.util.List;

import com.myunla.gateway.session.spi.StoreCounters;
import reactor.core.publisher.Mono;

/**
 * What a live stream needs of the store around it.
 */
interface LiveStreamHost {

	/**
	 * Reads a session's log after an entry.
	 */
	Mono<List<SessionScripts.Entry>> read(String sessionId, EntryId after, int count, long maxBytes);

	/**
	 * Returns the counters the stream's deliveries count in.
	 */
	StoreCounters statistics();

	/**
	 * Hears of a stream whose subscriber has gone or whose deliveries ended.
	 */
	void streamEnded(LiveStream stream);

	/**
	 * Hears of a failed read of the log that reading again later may mend.
	 */
	void readFailed(Throwable error);

}
