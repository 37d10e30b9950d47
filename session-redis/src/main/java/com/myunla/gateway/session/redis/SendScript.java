package com.myunla.gateway.session.redis;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.SessionNotFoundException;
import com.myunla.gateway.session.StoreUnavailableException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * The send script of a store ({@code send.lua}): gathers sends into shared calls (see
 * {@link SendBatches}), passes each call's keys and arguments, and completes each send
 * with its own outcome.
 */
final class SendScript {

	private static final LuaScript SEND = LuaScript.load("send", ScriptOutputType.MULTI, false);

	/** Length of the nonce that lets {@code send.lua} recognise a send it ran already. */
	private static final int SEND_NONCE_LENGTH = 8;

	/** Arguments of {@code send.lua} that hold for every message of a call. */
	private static final int SEND_STORE_ARGS = 6;

	/** Arguments of {@code send.lua} per message. */
	private static final int SEND_MESSAGE_ARGS = 6;

	private final RedisCalls redis;

	private final RedisKeys keys;

	private final ShardRouting shards;

	private final byte[] expiryArg;

	private final byte[] retentionArg;

	private final byte[] channelPrefixArg;

	private final byte[] slideArg;

	private final byte[] retentionBytesArg;

	private final SendBatches sends = new SendBatches(this::sendBatch, new SendReply());

	/**
	 * Creates the send script of one store, with the arguments that hold for every
	 * message, as {@link SessionScripts} encodes them.
	 */
	SendScript(RedisCalls redis, RedisKeys keys, ShardRouting shards, byte[] expiryArg, byte[] retentionArg,
			byte[] channelPrefixArg, byte[] slideArg, byte[] retentionBytesArg) {
		this.redis = redis;
		this.keys = keys;
		this.shards = shards;
		this.expiryArg = expiryArg;
		this.retentionArg = retentionArg;
		this.channelPrefixArg = channelPrefixArg;
		this.slideArg = slideArg;
		this.retentionBytesArg = retentionBytesArg;
	}

	/**
	 * Appends a message to a session's log and publishes it to the owning instance: in a
	 * cluster on the owner's shard channel of the session's slot, else (or when nobody
	 * listens there) on the owner's classic channel. Sends made while an earlier one is
	 * in flight share one call of the script (see {@link SendBatches}). A send fails once
	 * the command timeout from its subscription has passed, also while it waits for an
	 * earlier call; left out of its batch if that has not gone out yet.
	 */
	Mono<Void> send(String id, String registration, Message message) {
		return Mono.defer(() -> {
			byte[] nonce = new byte[SEND_NONCE_LENGTH];
			ThreadLocalRandom.current().nextBytes(nonce);
			SendBatches.Send send = new SendBatches.Send(id, this.keys.meta(id), this.keys.log(id),
					message.data().length, SessionScripts.bytes(message.event()), message.data(),
					SessionScripts.bytes(id), SessionScripts.bytes(registration), nonce, Frame.encodeHeaders(message));
			// A send queued behind a call in flight would otherwise wait for that call's
			// timeout and then its own.
			return this.redis.bounded(this.sends.send(send, this.redis.isCluster()));
		});
	}

	/**
	 * Runs one call of {@code send.lua} for a batch of sends: the keys of each message's
	 * session, the store's arguments, then each message's own. The sessions of a batch
	 * share a slot in a cluster, so the shard channel prefix of the first (the one of its
	 * slot) holds for all.
	 */
	private Mono<List<Object>> sendBatch(List<SendBatches.Send> batch) {
		byte[][] keys = new byte[2 * batch.size()][];
		byte[][] args = new byte[SEND_STORE_ARGS + SEND_MESSAGE_ARGS * batch.size()][];
		args[0] = this.expiryArg;
		args[1] = this.retentionArg;
		args[2] = this.channelPrefixArg;
		args[3] = this.slideArg;
		args[4] = this.shards.prefix(batch.get(0).meta);
		args[5] = this.retentionBytesArg;
		for (int i = 0; i < batch.size(); i++) {
			SendBatches.Send send = batch.get(i);
			keys[2 * i] = send.meta;
			keys[2 * i + 1] = send.log;
			System.arraycopy(send.args, 0, args, SEND_STORE_ARGS + SEND_MESSAGE_ARGS * i, SEND_MESSAGE_ARGS);
		}
		return this.redis.eval(SEND, keys, args);
	}

	/**
	 * Completes each send of a batch with its own outcome.
	 */
	private final class SendReply implements SendBatches.Reply {

		@Override
		public void answer(SendBatches.Send send, MonoSink<Void> sink, @Nullable Object element) {
			if (element == null) {
				sink.error(new SessionNotFoundException(send.id));
			}
			else if (element instanceof byte[] id && id.length > 0 && id[0] == '!') {
				String reason = SessionScripts.text(id).substring(1);
				RedisCommandExecutionException error = new RedisCommandExecutionException(reason);
				if (RedisErrors.isPermissionError(reason)) {
					SendScript.this.redis.noted(error, send.meta);
					sink.error(new StoreUnavailableException(
							"Redis refuses a command of the session store for want of permission: " + reason, error));
				}
				else {
					sink.error(SessionScripts.unusable(send.id, reason, error));
				}
			}
			else {
				sink.success();
			}
		}

		@Override
		public void fail(SendBatches.Send send, MonoSink<Void> sink, Throwable error) {
			if (error instanceof RedisCommandExecutionException ex) {
				sink.error(SessionScripts.unusable(send.id, ex.getMessage(), ex));
			}
			else if (error instanceof StoreUnavailableException ex) {
				// one exception per send: a caller may add suppressed exceptions to it
				sink.error(new StoreUnavailableException(ex.getMessage(), ex.getCause()));
			}
			else {
				sink.error(error);
			}
		}

	}

}
