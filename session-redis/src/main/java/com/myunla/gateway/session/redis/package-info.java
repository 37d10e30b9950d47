/**
 * The Redis store: sessions shared by a fleet of gateway instances through Redis (single
 * server, Redis Cluster or Sentinel). See
 * {@link com.myunla.gateway.session.redis.RedisStore} for an overview.
 *
 * <h2>Keys and channels</h2> Each session has two keys, both carrying the session id as a
 * hash tag, so that they live in one cluster slot and every operation on them is one
 * atomic Lua script. With the default {@code prefix} ({@code session}) and {@code topic}
 * ({@code session_updates}), for a session {@code abc}:
 * <ul>
 * <li>{@code HGETALL session:{abc}:meta}: the session, a hash whose fields are {@code m}
 * the {@link com.myunla.gateway.session.Meta} as JSON, {@code o} the instance owning the
 * live stream, {@code t} that stream's token, {@code l} the last log entry id, {@code c}
 * the last entry id a stream delivered (never beyond {@code l}), {@code r} the
 * registration's token (checked for operations through a handle), {@code x} when a send
 * last slid the expiry, {@code b} and {@code k} the log's data bytes and entries, and
 * {@code n} the nonces of the session's last 32 sends. It expires after the {@code ttl}
 * plus a slide interval, slid by activity.</li>
 * <li>{@code XRANGE session:{abc}:log - +}: the log, a stream of the last
 * {@code retention} messages (up to an eighth more) and at most {@code retentionBytes} of
 * message data, one entry a message whose id is the message id, with the fields {@code p}
 * the previous entry's id, {@code e} the event and {@code d} the raw data, and for a
 * message with headers (such as a trace context) {@code h}, its headers. It expires with
 * the meta.</li>
 * <li>{@code ZRANGE session:index 0 -1 WITHSCORES}: every session id, scored by an expiry
 * hint set at registration, for the paged {@code list} (in score, then id order) and
 * {@code count()}; listings and a small periodic sweep prune the ids of gone sessions. It
 * does not expire.</li>
 * <li>{@code PUBSUB CHANNELS session_updates:*}: one channel per instance,
 * {@code session_updates:<instance-id>}, on which the instance receives the messages of
 * the streams it owns, takeovers, unregistrations and its liveness probes.</li>
 * <li>{@code PUBSUB SHARDCHANNELS session_updates:*}, on each master of a Redis Cluster:
 * one shard channel per instance and slot the master serves,
 * {@code session_updates:{<tag>}<instance-id>}, where the tag hashes to the slot.</li>
 * </ul>
 *
 * <h2>Message flow</h2>
 * <ul>
 * <li>{@code send} runs one script: it appends the message to the session's log (a Redis
 * stream trimmed to about {@code retention} entries and {@code retentionBytes} of data),
 * slides the session's expiry and publishes the message to the instance owning the
 * session's stream, if any (on a Redis Cluster with {@code SPUBLISH} on the owner's shard
 * channel of the session's slot, see {@code ShardRouting} and {@code ShardChannels}).
 * Acknowledged means in the log. The entry id is the message id. Sends made while an
 * earlier one is in flight share the next call of the script (up to 32 messages; in a
 * cluster only sends to one slot; {@code SendBatches}): each still gets its own outcome,
 * and the sends to a session run in the order they were made.</li>
 * <li>Opening a stream ({@code events}) runs a takeover script that makes this instance's
 * new stream the owner and tells the previous owner, wherever it is, to complete its
 * stream. The stream then replays the log after the client's last id (or after the last
 * id any earlier stream delivered) and goes on live.</li>
 * <li>The owning instance delivers what arrives on its pub/sub channel for the stream,
 * reading the log instead on any gap, so that each acknowledged message is delivered once
 * and in order ({@code LiveStream}); a last event id after the session's last entry (one
 * a failover may have lost) resumes after that entry with a gap notice first. A liveness
 * probe watches the channel and makes the streams catch up after an outage
 * ({@code InstanceChannel}); open streams keep their sessions alive and check that they
 * still own them, in one script call for up to 500 streams (in a cluster, per slot;
 * {@code Housekeeping}). {@code unregister} deletes the keys and tells the owner to
 * complete the stream.</li>
 * </ul>
 *
 * <h2>Guarantees and limits</h2> Redis replicates asynchronously: a message acknowledged
 * by a master that dies before its replica received it is lost with that master.
 * Everything else acknowledged is delivered exactly once, in order, within the retention
 * window, also across reconnects and failovers; a resume from an id older than the log
 * starts with a {@linkplain com.myunla.gateway.session.Delivery#isGap() gap notice}. An
 * operation that cannot reach Redis within {@code commandTimeout}, or finds it refusing
 * commands for a while (a cluster down or migrating a slot, a failover under way), fails
 * with {@link com.myunla.gateway.session.StoreUnavailableException}; within that time the
 * store retries what is safe to retry (see {@code RedisErrors}). A send whose connection
 * drops before its reply arrives fails that way too, or succeeds when the client sends it
 * again after reconnecting: each send carries a nonce that the script remembers for the
 * session's next 32 sends, so the repeat never appends the message a second time. A
 * connection that stops answering without being closed is replaced: on a single server or
 * with Sentinel the store closes its socket once a command and a {@code PING} after it
 * time out, and the client reconnects ({@code UnansweredConnections}); TCP keepalive and
 * {@code TCP_USER_TIMEOUT} let the kernel close it too ({@code RedisStoreClient}).
 */
@NullMarked
package com.myunla.gateway.session.redis;

import org.jspecify.annotations.NullMarked;
