package com.myunla.gateway.session.redis;

import java.nio.charset.StandardCharsets;

/**
 * Names of the store's Redis keys and channels.
 *
 * <p>
 * A session's keys carry its id as a hash tag, so they share one cluster slot and each
 * operation is one Lua script, atomic and one round trip. With the default prefix
 * {@code session}: <pre>
 * HSET    session:{id}:meta  m &lt;Meta as JSON&gt;  o &lt;owner instance&gt;  t &lt;owner stream token&gt;
 *                            l &lt;last log entry id&gt;  c &lt;last entry delivered to a stream&gt;
 *                            x &lt;when a send last slid the expiry&gt;  r &lt;registration token&gt;
 *                            n &lt;nonces of the last 32 sends&gt;
 *                            b &lt;data bytes of the log&gt;  k &lt;entries of the log&gt;
 *                                                                   PEXPIRE ttl + slide interval
 * XADD    session:{id}:log   * p &lt;previous entry id&gt; e &lt;event&gt; d &lt;data&gt;
 * XTRIM   session:{id}:log   MINID &lt;first kept&gt;   (when the log outgrew the retention in entries or bytes)
 *                                                                   PEXPIRE ttl + slide interval
 * ZADD    session:index      &lt;expiry hint, epoch ms&gt; &lt;id&gt;       (for list(); pruned lazily; updated by
 *                                                             the register and unregister scripts, except in
 *                                                             a cluster, where it is a command of its own)
 * PUBLISH  session_updates:&lt;instance id&gt; &lt;frame&gt;          (only to the instance owning the stream)
 * SPUBLISH session_updates:{&lt;tag&gt;}&lt;instance id&gt; &lt;frame&gt;  (Redis Cluster: see below)
 * </pre>
 * <p>
 * In a Redis Cluster a classic {@code PUBLISH} goes to every node over the cluster bus.
 * So each instance also subscribes ({@code SSUBSCRIBE}) to one shard channel per slot,
 * whose hash tag is a short string hashing to the slot (the same for every instance, see
 * {@code ShardRouting}); {@code send.lua} publishes a message frame (and
 * {@code unregister.lua} the frame that ends the stream of an unregistered session, which
 * must follow the messages) with {@code SPUBLISH} on the owner's channel of the session's
 * slot, which reaches the replicas of the master serving the session at most, and keeps
 * the script within one slot (a cluster may refuse a script that reaches another). When
 * that fails or reaches no subscriber (the owner's subscription is not there yet: a
 * failover, a resharding, a reconnect), the same script publishes the frame on the
 * owner's classic channel, to which the owner stays subscribed. The takeover frame and
 * the liveness probe of the classic channel stay on classic {@code PUBLISH}: they are
 * rare, and a stream that a takeover ends before a message reached it loses nothing,
 * since the new stream reads the log from where the old one stood.
 * <p>
 * Message data is stored and published as raw bytes; the {@code Meta} is plain JSON
 * without type information, its request's secrets
 * {@linkplain RedisStoreSettings#storedRedaction() redacted} unless the settings keep
 * them. Every expiry is set to the ttl plus a slide interval (a tenth of the ttl, at most
 * one second), which lets sends within one interval of the last slide skip it: a session
 * expires between {@code ttl} and {@code ttl} plus that interval after its last activity.
 */
final class RedisKeys {

	private final String prefix;

	private final String channelPrefix;

	RedisKeys(String prefix, String topic) {
		this.prefix = prefix;
		this.channelPrefix = topic + ":";
	}

	byte[] meta(String id) {
		return bytes(this.prefix + ":{" + id + "}:meta");
	}

	byte[] log(String id) {
		return bytes(this.prefix + ":{" + id + "}:log");
	}

	byte[] index() {
		return bytes(this.prefix + ":index");
	}

	String channelPrefix() {
		return this.channelPrefix;
	}

	String channel(String instanceId) {
		return this.channelPrefix + instanceId;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
