package com.myunla.gateway.session.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Opens a store's connection when it starts and checks that Redis answers, so that a
 * wrong address or password (or a server that runs no Lua scripts) stops the application
 * at startup with a message that says which.
 */
final class StartupConnection {

	private StartupConnection() {
	}

	/**
	 * Opens the connection and pings Redis, trying up to three times within the command
	 * timeout plus the probe interval each.
	 * @return the open connection
	 * @throws IllegalStateException naming the target, and saying whether the credentials
	 * were refused
	 */
	static RedisConnection open(LettuceConnectionFactory factory, RedisStoreSettings settings) {
		Duration wait = settings.commandTimeout().plus(settings.probeInterval());
		RedisErrors errors = new RedisErrors(settings.commandTimeout(), settings.target());
		List<Throwable> failures = new CopyOnWriteArrayList<>();
		try {
			// A refused password can surface as a closed connection when the client gives
			// up on the handshake first; a second attempt usually shows the server's
			// answer, which names the real problem.
			return Mono.fromCallable(factory::getConnection)
				.flatMap((connection) -> new RedisCalls(nativeCommands(connection), errors).ping()
					.thenReturn(connection)
					.doOnError((error) -> connection.close()))
				.timeout(wait)
				.doOnError(failures::add)
				.retryWhen(
						Retry.fixedDelay(2, Duration.ofMillis(200)).filter((error) -> !isAuthenticationFailure(error)))
				.block();
		}
		catch (RuntimeException ex) {
			throw failure(settings.target(), failures.isEmpty() ? List.of(ex) : failures);
		}
	}

	/**
	 * Returns the asynchronous commands of the factory's shared native connection: it
	 * reconnects by itself, and closing the wrapper around it leaves it open for the
	 * factory's other users.
	 */
	@SuppressWarnings("unchecked")
	static RedisClusterAsyncCommands<byte[], byte[]> nativeCommands(RedisConnection connection) {
		return (RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
	}

	/**
	 * Returns the startup error for the failed attempts: a refused password wins over the
	 * rest, since later attempts may fail for other reasons; otherwise the last failure's
	 * root cause.
	 */
	static RedisStartupException failure(String target, List<Throwable> failures) {
		Throwable last = failures.get(failures.size() - 1);
		for (Throwable failure : failures) {
			if (isAuthenticationFailure(failure)) {
				return new RedisStartupException(
						"Redis authentication failed (" + target + "): check the username and password", target, true,
						failure);
			}
		}
		Throwable root = last;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return new RedisStartupException("Cannot connect to Redis (" + target + "): " + root.getMessage(), target,
				false, last);
	}

	/**
	 * Returns the startup error for a server that runs no Lua scripts, or the given error
	 * when it is another one.
	 * @param target the Redis deployment
	 * @param error the failure of the store's first script
	 */
	static RuntimeException scriptingRefused(String target, RuntimeException error) {
		RedisCommandExecutionException refusal = RedisErrors.scriptingRefusal(error);
		if (refusal == null) {
			return error;
		}
		return new RedisStartupException(RedisErrors.scriptingRefused(target, refusal.getMessage()), target,
				RedisStartupException.Reason.SCRIPTING, error);
	}

	/**
	 * Tells whether an error, or any of its causes, is Redis refusing the credentials.
	 */
	static boolean isAuthenticationFailure(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			String message = String.valueOf(cause.getMessage());
			if (message.contains("WRONGPASS") || message.contains("NOAUTH")
					|| message.contains("invalid username-password") || message.contains("invalid password")) {
				return true;
			}
		}
		return false;
	}

}
