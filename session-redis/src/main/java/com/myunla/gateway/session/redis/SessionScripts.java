package com.myunla.gateway.session.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.SessionNotFoundException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The store's Lua scripts on one session's keys, each behind a method that passes its
 * keys and arguments and reads its reply. A script's reply for a gone session becomes
 * {@link SessionNotFoundException} where the caller cannot go on without the session; an
 * error Redis gives about the session's keys (a key of the wrong type, say) becomes an
 * {@link IllegalStateException} naming the session.
 */
final class SessionScripts {

	// Idempotent scripts may be retried when their outcome is unknown: a repeated
	// takeover finds its own token and publishes nothing; release, touch and read change
	// nothing the second time; a repeated register finds its own registration token. A
	// repeated send would append the message twice, a repeated unregister would answer
	// "not found". (The client's own resending of commands in flight when a connection
	// dropped is harmless for send: its nonce makes the script recognise the repeat.)
	private static final LuaScript REGISTER = LuaScript.load("register", ScriptOutputType.INTEGER, true);

	private static final LuaScript TAKEOVER = LuaScript.load("takeover", ScriptOutputType.MULTI, true);

	private static final LuaScript RELEASE = LuaScript.load("release", ScriptOutputType.INTEGER, true);

	private static final LuaScript TOUCH = LuaScript.load("touch", ScriptOutputType.MULTI, true);

	private static final LuaScript TOUCH_STREAMS = LuaScript.load("touch_streams", ScriptOutputType.MULTI, true);

	private static final Long OWNED = 1L;

	private static final LuaScript UNREGISTER = LuaScript.load("unregister", ScriptOutputType.INTEGER, false);

	private static final LuaScript READ = LuaScript.load("read", ScriptOutputType.MULTI, true);

	private static final LuaScript PAGE = LuaScript.load("page", ScriptOutputType.MULTI, true);

	private static final byte[] META_FIELD = { 'm' };

	private static final byte[] REGISTRATION_FIELD = { 'r' };

	private final RedisCalls redis;

	private final RedisKeys keys;

	private final Duration ttl;

	private final boolean indexInScripts;

	private final byte[] expiryArg;

	private final byte[] channelPrefixArg;

	private final byte[] instanceArg;

	private final ShardRouting shards;

	private final SendScript sends;

	/**
	 * Creates the scripts of one store.
	 * @param indexInScripts whether the session index shares a slot with the sessions
	 * (not in Redis Cluster), so that the register and unregister scripts can update it
	 * @param shards the shard channels a send publishes on in a cluster
	 */
	SessionScripts(RedisCalls redis, RedisKeys keys, RedisStoreSettings settings, boolean indexInScripts,
			ShardRouting shards) {
		this.redis = redis;
		this.shards = shards;
		this.keys = keys;
		this.ttl = settings.ttl();
		this.indexInScripts = indexInScripts;
		long slide = slideInterval(settings.ttl()).toMillis();
		this.expiryArg = bytes(Long.toString(settings.ttl().toMillis() + slide));
		this.channelPrefixArg = bytes(keys.channelPrefix());
		this.instanceArg = bytes(settings.instanceId());
		this.sends = new SendScript(redis, keys, shards, this.expiryArg, bytes(Integer.toString(settings.retention())),
				this.channelPrefixArg, bytes(Long.toString(slide)), bytes(Long.toString(settings.retentionBytes())));
	}

	/**
	 * Registers a session unless its id is taken; emits whether it did.
	 */
	Mono<Boolean> register(String id, byte[] json, String registration) {
		if (this.indexInScripts) {
			byte[] hint = bytes(Long.toString((long) expiryHint()));
			return this
				.<Long>eval(REGISTER, id, indexed(id), json, this.expiryArg, bytes(registration), hint, bytes(id))
				.map((registered) -> registered == 1);
		}
		// In a cluster the index lives in another slot: index first, so that a failure
		// leaves at worst an index entry without a session, which list() and the sweep
		// prune.
		return this.redis.zadd(this.keys.index(), expiryHint(), bytes(id))
			.then(this.<Long>eval(REGISTER, id, sessionKeys(id), json, this.expiryArg, bytes(registration)))
			.map((registered) -> registered == 1);
	}

	/**
	 * Slides a session's expiry and reads its Meta JSON and registration token; empty
	 * when it is gone.
	 */
	Mono<List<byte[]>> get(String id) {
		return this.<List<byte[]>>eval(TOUCH, id, sessionKeys(id), this.expiryArg, META_FIELD, REGISTRATION_FIELD)
			.filter((fields) -> !fields.isEmpty());
	}

	/**
	 * Slides the expiry of many sessions and reads, for each, whether the stream with the
	 * given token still owns it, in one call ({@code touch_streams.lua}). In a cluster
	 * every session must be in one slot; the call fails otherwise.
	 * @param ids the sessions
	 * @param tokens the token of each session's stream, in the same order
	 * @return whether each stream still owns its session, in the same order
	 */
	Mono<List<Boolean>> owned(List<String> ids, List<String> tokens) {
		byte[][] keys = new byte[ids.size() * 2][];
		byte[][] args = new byte[ids.size() + 1][];
		args[0] = this.expiryArg;
		for (int i = 0; i < ids.size(); i++) {
			keys[2 * i] = this.keys.meta(ids.get(i));
			keys[2 * i + 1] = this.keys.log(ids.get(i));
			args[i + 1] = bytes(tokens.get(i));
		}
		return this.redis.<List<Object>>eval(TOUCH_STREAMS, keys, args)
			.map((owned) -> owned.stream().map(OWNED::equals).toList());
	}

	/**
	 * Appends a message to a session's log and publishes it to the owning instance (see
	 * {@link SendScript#send}).
	 */
	Mono<Void> send(String id, String registration, Message message) {
		return this.sends.send(id, registration, message);
	}

	/**
	 * Removes a session (with a registration token, only that registration) and tells the
	 * owner of its stream, the way {@link #send} publishes; emits whether it was removed.
	 */
	Mono<Boolean> unregister(String id, String registration) {
		byte[][] keys = this.indexInScripts ? indexed(id) : sessionKeys(id);
		return this
			.<Long>eval(UNREGISTER, id, keys, this.channelPrefixArg, bytes(id), bytes(registration),
					this.shards.prefix(keys[0]))
			.flatMap((removed) -> {
				if (this.indexInScripts || (removed == 0 && !registration.isEmpty())) {
					// done by the script, or another registration under the same id:
					// leave its index entry alone
					return Mono.just(removed == 1);
				}
				return this.redis.zrem(this.keys.index(), bytes(id)).thenReturn(removed == 1);
			});
	}

	/**
	 * Makes a new stream of this instance the session's owner; emits where the stream
	 * starts: after the client's last event id, else after the last entry an earlier
	 * stream delivered. A client's id after the session's last entry is one that the log
	 * lost (a failover promoted a replica that had not received the latest entries): the
	 * stream then starts after the log's last entry, and says first that something was
	 * lost.
	 */
	Mono<Takeover> takeover(String id, String token, @Nullable EntryId after, String registration) {
		return this
			.<List<Object>>eval(TAKEOVER, id, sessionKeys(id), this.instanceArg, bytes(token), this.expiryArg,
					this.channelPrefixArg, bytes(id), bytes(registration))
			.filter((result) -> !result.isEmpty())
			.switchIfEmpty(Mono.error(() -> new SessionNotFoundException(id)))
			.map((result) -> {
				EntryId last = parseStored(id, text((byte[]) result.get(1)), "last entry id");
				if (after == null) {
					return new Takeover(parseStored(id, text((byte[]) result.get(0)), "delivered cursor"), false);
				}
				return after.isAfter(last) ? new Takeover(last, true) : new Takeover(after, false);
			});
	}

	/**
	 * Reads up to {@code count} entries of a session's log after an id, stopping after
	 * the entry whose data takes the entries read beyond {@code maxBytes}.
	 */
	Mono<List<Entry>> read(String id, EntryId after, int count, long maxBytes) {
		return this
			.<List<Object>>eval(READ, id, sessionKeys(id), bytes(after.toString()), bytes(Integer.toString(count)),
					bytes(Long.toString(maxBytes)))
			.filter((result) -> !result.isEmpty())
			.switchIfEmpty(Mono.error(() -> new SessionNotFoundException(id)))
			.map((result) -> entries(id, result));
	}

	/**
	 * Records what an ended stream delivered and gives up its ownership.
	 */
	Mono<Long> release(LiveStream stream) {
		String id = stream.sessionId();
		return eval(RELEASE, id, sessionKeys(id), bytes(stream.token()), bytes(stream.deliveredId()));
	}

	/**
	 * Returns the expiry hint of a session active now, its score in the index.
	 */
	double expiryHint() {
		return System.currentTimeMillis() + this.ttl.toMillis();
	}

	/**
	 * Reads up to {@code count} entries of the session index after a cursor's score and
	 * id (empty for the start), as flat pairs of id and score.
	 */
	Mono<List<Object>> page(byte[] score, byte[] id, int count) {
		return this.redis.eval(PAGE, new byte[][] { this.keys.index() }, score, id, bytes(Integer.toString(count)));
	}

	private <T> Mono<T> eval(LuaScript script, String id, byte[][] keys, byte[]... args) {
		return this.redis.<T>eval(script, keys, args)
			.onErrorMap(RedisCommandExecutionException.class, (ex) -> unusable(id, ex.getMessage(), ex));
	}

	private byte[][] sessionKeys(String id) {
		return new byte[][] { this.keys.meta(id), this.keys.log(id) };
	}

	private byte[][] indexed(String id) {
		return new byte[][] { this.keys.meta(id), this.keys.log(id), this.keys.index() };
	}

	private static List<Entry> entries(String sessionId, List<Object> result) {
		List<Entry> entries = new ArrayList<>(result.size() / 5);
		// the first element is the session's last entry id
		for (int i = 1; i + 4 < result.size(); i += 5) {
			EntryId id = parseStored(sessionId, text((byte[]) result.get(i)), "log entry id");
			// A damaged link to the previous entry only hides a gap notice: deliver the
			// entry all the same.
			EntryId previous = EntryId.parseOrUnknown(text((byte[]) result.get(i + 1)));
			Message message = Frame.withHeaders(
					new Message(text((byte[]) result.get(i + 2)), (byte[]) result.get(i + 3)),
					text((byte[]) result.get(i + 4)));
			entries.add(new Entry(id, previous, message));
		}
		return entries;
	}

	/**
	 * Parses an entry id read from a session's keys.
	 * @throws IllegalStateException naming the session if the id is unreadable
	 */
	static EntryId parseStored(String id, String text, String what) {
		try {
			return EntryId.parse(text);
		}
		catch (IllegalArgumentException ex) {
			throw unusable(id,
					"unreadable " + what + " '" + ((text.length() > 64) ? text.substring(0, 64) : text) + "'", ex);
		}
	}

	/**
	 * Returns the error of an operation on a session whose data in Redis is damaged
	 * (edited by hand, a key of the wrong type): it names the session, and concerns no
	 * other session.
	 */
	static IllegalStateException unusable(String id, @Nullable String reason, Throwable cause) {
		return new IllegalStateException("The data of session '" + id + "' in Redis is unusable (" + reason
				+ "); unregister the session or repair its keys", cause);
	}

	/**
	 * Returns a new random token, for a stream or a registration.
	 */
	static String newToken() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
	}

	/**
	 * Returns how long a send may reuse the expiry set by an earlier one: a tenth of the
	 * ttl, at most one second. Every expiry is set to the ttl plus this interval, so a
	 * session expires between {@code ttl} and {@code ttl} plus this interval after its
	 * last activity.
	 */
	static Duration slideInterval(Duration ttl) {
		Duration tenth = ttl.dividedBy(10);
		return (tenth.toMillis() < 1) ? Duration.ofMillis(1)
				: (tenth.compareTo(Duration.ofSeconds(1)) > 0) ? Duration.ofSeconds(1) : tenth;
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	/**
	 * An entry of a session's log.
	 */
	record Entry(EntryId id, EntryId previous, Message message) {
	}

	/**
	 * Where a stream that took its session over starts.
	 *
	 * @param start the id after which the stream delivers
	 * @param lost whether the client's own last id is after the session's last entry, so
	 * that entries it had received are no longer in the log
	 */
	record Takeover(EntryId start, boolean lost) {
	}

}
