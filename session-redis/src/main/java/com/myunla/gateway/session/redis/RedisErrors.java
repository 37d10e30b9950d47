package com.myunla.gateway.session.redis;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import com.myunla.gateway.session.StoreUnavailableException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.cluster.PartitionException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.dao.DataAccessException;

/**
 * Tells the errors that mean "Redis is unavailable right now" from real answers, retries
 * the commands for which that is safe, and turns what remains of an outage into a
 * {@link StoreUnavailableException}.
 *
 * <p>
 * Three kinds of failure:
 * <ul>
 * <li><em>Rejected</em>: Redis refused the command before running it, in a state that
 * passes by itself ({@code TRYAGAIN} while a slot migrates, {@code CLUSTERDOWN},
 * {@code MOVED}/{@code ASK} beyond the client's redirect limit, {@code LOADING},
 * {@code READONLY} or {@code MASTERDOWN} around a failover, {@code BUSY},
 * {@code NOREPLICAS}, {@code OOM}), or the client could not reach the node at all.
 * Nothing ran, so every command may be retried, also a {@code send}.</li>
 * <li><em>Outcome unknown</em>: the command timed out or its connection broke while it
 * was in flight; it may have run. Only idempotent commands are retried.</li>
 * <li>Anything else (a script error, a key of the wrong type) is an answer: passed on as
 * it is.</li>
 * </ul>
 * Retries back off from 10 ms to 200 ms and stop when the command timeout, counted from
 * the first attempt, runs out; then the last error becomes a
 * {@link StoreUnavailableException}. Nothing is logged here: the caller gets the
 * exception, and a request failing this way is not worth a stack trace each.
 */
final class RedisErrors {

	private static final Set<String> TRANSIENT_CODES = Set.of("TRYAGAIN", "CLUSTERDOWN", "MOVED", "ASK", "LOADING",
			"READONLY", "MASTERDOWN", "BUSY", "NOREPLICAS", "OOM");

	private static final long FIRST_DELAY_MILLIS = 10;

	private static final long MAX_DELAY_MILLIS = 200;

	private final Duration timeout;

	private final String target;

	private final Runnable timedOut;

	/**
	 * The last error for which a command was retried, and when
	 * ({@link System#nanoTime()}): what an operation that runs out of time meanwhile
	 * reports.
	 */
	private volatile @Nullable Throwable lastRetried;

	private volatile long lastRetriedAt;

	/**
	 * Creates the translation for one store.
	 * @param timeout the command timeout, which bounds the retries of one operation
	 * @param target the Redis deployment, named in error messages
	 */
	RedisErrors(Duration timeout, String target) {
		this(timeout, target, () -> {
		});
	}

	/**
	 * Creates the translation for one store, which hears of every attempt that timed out.
	 * @param timeout the command timeout, which bounds the retries of one operation
	 * @param target the Redis deployment, named in error messages
	 * @param timedOut called when an attempt times out, on the thread that saw it
	 */
	RedisErrors(Duration timeout, String target, Runnable timedOut) {
		this.timeout = timeout;
		this.target = target;
		this.timedOut = timedOut;
	}

	/**
	 * Runs a command, retrying it while Redis is unavailable and the failure allows it,
	 * within the command timeout.
	 * @param command the command, subscribed to once per attempt
	 * @param idempotent whether running the command twice has the same effect as once
	 */
	<T> Mono<T> run(Mono<T> command, boolean idempotent) {
		return Mono.defer(() -> attempt(command, idempotent, System.nanoTime() + this.timeout.toNanos(), 0, null));
	}

	/**
	 * Bounds a whole operation by the command timeout, counted from its subscription,
	 * however long it waits before its own command goes out (a send queued behind a call
	 * in flight): then it fails as a command that timed out.
	 * @param operation the operation
	 */
	<T> Mono<T> bounded(Mono<T> operation) {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			return operation.timeout(this.timeout, Mono.error(() -> {
				// Out of time while Redis refused the operation's command and it was
				// retried (a cluster that is down, a failover): say why it was refused,
				// as the retries say when they run out of time themselves.
				Throwable retried = this.lastRetried;
				if (retried != null && this.lastRetriedAt - start >= 0) {
					return translate(retried, classify(retried));
				}
				return translate(new TimeoutException("Operation not done within " + this.timeout));
			}));
		});
	}

	private <T> Mono<T> attempt(Mono<T> command, boolean idempotent, long deadline, int attempt,
			@Nullable Throwable retried) {
		return command.onErrorResume((error) -> {
			if (isTimeout(unwrap(error))) {
				this.timedOut.run();
			}
			if (retried != null && unwrap(error) instanceof TimeoutException) {
				// a retry ran into the bound this class set: the error that caused the
				// retries says more
				return Mono.error(translate(retried));
			}
			Kind kind = classify(error);
			long delay = Math.min(FIRST_DELAY_MILLIS << Math.min(attempt, 5), MAX_DELAY_MILLIS);
			long left = deadline - System.nanoTime() - Duration.ofMillis(delay).toNanos();
			if (!kind.retryable(idempotent) || left <= 0) {
				return Mono.error(translate(error, kind));
			}
			this.lastRetried = error;
			this.lastRetriedAt = System.nanoTime();
			return Mono.delay(Duration.ofMillis(delay))
				.then(attempt(command.timeout(Duration.ofNanos(left)), idempotent, deadline, attempt + 1, error));
		});
	}

	/**
	 * Returns the error a caller sees for a failed command:
	 * {@link StoreUnavailableException} for every kind of unavailability, the error
	 * itself otherwise.
	 */
	Throwable translate(Throwable error) {
		return translate(error, classify(error));
	}

	private Throwable translate(Throwable error, Kind kind) {
		Throwable cause = unwrap(error);
		if (kind == Kind.ANSWER) {
			if (cause instanceof RedisCommandExecutionException && isPermissionError(cause.getMessage())) {
				// The store cannot work until the user's permissions change: not the
				// fault of a request, nor of a session's data.
				return new StoreUnavailableException("Redis refuses a command of the session store for want of "
						+ "permission (" + this.target + "): " + describe(cause), cause);
			}
			if (cause instanceof RedisCommandExecutionException && isScriptingRefused(cause.getMessage())) {
				// as above: the store cannot work until the server runs Lua scripts
				return new StoreUnavailableException(scriptingRefused(this.target, describe(cause)), cause);
			}
			return cause;
		}
		if (isTimeout(cause)) {
			return new StoreUnavailableException(
					"Redis did not answer within " + this.timeout + " (" + this.target + ")", cause);
		}
		return new StoreUnavailableException("Redis is unavailable (" + this.target + "): " + describe(cause), cause);
	}

	/**
	 * Classifies a failure of a Redis command.
	 */
	static Kind classify(Throwable error) {
		Throwable cause = unwrap(error);
		if (cause instanceof RedisCommandExecutionException) {
			return TRANSIENT_CODES.contains(code(cause.getMessage())) ? Kind.REJECTED : Kind.ANSWER;
		}
		if (cause instanceof RedisConnectionException || cause instanceof PartitionException) {
			// the client could not reach (or find) the node: the command was never
			// written
			return Kind.REJECTED;
		}
		if (isTimeout(cause) || cause instanceof IOException || cause instanceof RedisException
				|| cause instanceof DataAccessException) {
			return Kind.OUTCOME_UNKNOWN;
		}
		return Kind.ANSWER;
	}

	/**
	 * Returns the error code of a Redis error reply: its first word, such as
	 * {@code CLUSTERDOWN}.
	 */
	static String code(String message) {
		if (message == null) {
			return "";
		}
		String text = message.startsWith("-") ? message.substring(1) : message;
		int space = text.indexOf(' ');
		return (space < 0) ? text : text.substring(0, space);
	}

	/**
	 * Tells whether a Redis error reply says that the user lacks a permission: a
	 * {@code NOPERM} error, or (in a script, on Redis 7.0) an {@code ERR} that says the
	 * user may not run a command or use a key or channel.
	 */
	static boolean isPermissionError(@Nullable String message) {
		return message != null && ("NOPERM".equals(code(message))
				|| message.contains("The user executing the script can't") || message.contains("NOPERM "));
	}

	/**
	 * Tells whether a Redis error reply says that the server runs no Lua scripts: a
	 * scripting command ({@code EVAL}, {@code EVALSHA}, {@code SCRIPT}) that is unknown
	 * (renamed or disabled with {@code rename-command}), or Lua scripting that is
	 * disabled or not loaded.
	 */
	static boolean isScriptingRefused(@Nullable String message) {
		if (message == null) {
			return false;
		}
		String text = message.toLowerCase(Locale.ROOT);
		if (text.contains("unknown command")) {
			return text.contains("'eval") || text.contains("'script") || text.contains("`eval")
					|| text.contains("`script");
		}
		return (text.contains("lua") || text.contains("scripting")) && (text.contains("disabled")
				|| text.contains("not loaded") || text.contains("not found") || text.contains("not available"));
	}

	/**
	 * Returns the error among an error and its causes that says that the server runs no
	 * Lua scripts, or {@code null}.
	 */
	static @Nullable RedisCommandExecutionException scriptingRefusal(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof RedisCommandExecutionException ex && isScriptingRefused(ex.getMessage())) {
				return ex;
			}
		}
		return null;
	}

	/**
	 * Returns the permission error among an error and its causes, or {@code null}.
	 */
	static @Nullable RedisCommandExecutionException permissionError(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof RedisCommandExecutionException ex && isPermissionError(ex.getMessage())) {
				return ex;
			}
		}
		return null;
	}

	/**
	 * Returns the message that says that the store needs Lua scripting and Redis refused
	 * it.
	 * @param target the Redis deployment
	 * @param error the error Redis gave
	 */
	static String scriptingRefused(String target, String error) {
		return "The session store needs Lua scripting (EVAL, EVALSHA, SCRIPT) and Redis refused it (" + target + "): "
				+ error;
	}

	private static boolean isTimeout(Throwable error) {
		return error instanceof TimeoutException || error instanceof RedisCommandTimeoutException;
	}

	private static String describe(Throwable error) {
		String message = error.getMessage();
		if (message == null || message.isBlank()) {
			return error.getClass().getSimpleName();
		}
		return (message.length() > 200) ? message.substring(0, 200) + "..." : message;
	}

	private static Throwable unwrap(Throwable error) {
		Throwable cause = error;
		while (cause instanceof CompletionException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	/**
	 * How a command failed, and so whether it may be retried.
	 */
	enum Kind {

		/**
		 * Redis refused the command without running it, in a state that passes by itself.
		 */
		REJECTED,

		/**
		 * The command timed out or its connection broke: it may or may not have run.
		 */
		OUTCOME_UNKNOWN,

		/**
		 * Redis answered with an error that a retry does not change.
		 */
		ANSWER;

		boolean retryable(boolean idempotent) {
			return this == REJECTED || (this == OUTCOME_UNKNOWN && idempotent);
		}

	}

}
