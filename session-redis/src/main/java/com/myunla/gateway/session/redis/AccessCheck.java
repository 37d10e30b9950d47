package com.myunla.gateway.session.redis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lettuce.core.ScriptOutputType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Checks that the store's Redis user may run what the store runs, on its keys and
 * channels ({@code check.lua}): at startup, so that a missing ACL permission stops the
 * application with a message that names it, and again while Redis refuses a command for
 * want of permission (see {@link RedisConditions}).
 *
 * <p>
 * Redis 7.0's {@code ACL DRYRUN} would answer without running anything, but needs
 * permissions an application's user should not have; running each command on a probe
 * session's keys needs only the user's own.
 */
final class AccessCheck {

	private static final LuaScript CHECK = LuaScript.load("check", ScriptOutputType.MULTI, true);

	/** The probe session's id: it holds spaces, which no real session id can. */
	private static final String PROBE_ID = "access check";

	private static final Pattern COMMAND_NAME = Pattern.compile("'([A-Za-z|]+)' command");

	private final RedisCalls redis;

	private final RedisKeys keys;

	private final RedisStoreSettings settings;

	private final boolean indexInScripts;

	AccessCheck(RedisCalls redis, RedisKeys keys, RedisStoreSettings settings, boolean indexInScripts) {
		this.redis = redis;
		this.keys = keys;
		this.settings = settings;
		this.indexInScripts = indexInScripts;
	}

	/**
	 * Runs the check and throws if Redis refused anything.
	 * @throws RedisPermissionException naming each refused command with its key or
	 * channel, and the missing ACL rules
	 */
	void verify() {
		List<Refusal> refusals = refusals().block();
		if (refusals != null && !refusals.isEmpty()) {
			throw exception(refusals);
		}
	}

	/**
	 * Runs the check; emits what Redis refused, empty when nothing.
	 */
	Mono<List<Refusal>> refusals() {
		byte[] meta = this.keys.meta(PROBE_ID);
		byte[] log = this.keys.log(PROBE_ID);
		byte[] channel = SessionScripts.bytes(this.keys.channel(PROBE_ID));
		Flux<Refusal> refusals = this.indexInScripts ? run(new byte[][] { meta, log, this.keys.index() }, channel)
				: run(new byte[][] { meta, log }, channel)
					.concatWith(run(new byte[][] { this.keys.index() }, new byte[0]));
		return refusals.collectList();
	}

	private Flux<Refusal> run(byte[][] keys, byte[] channel) {
		return this.redis.<List<Object>>eval(CHECK, keys, channel)
			.flatMapMany((result) -> Flux.range(0, result.size() / 3)
				.map((i) -> refusal(SessionScripts.text((byte[]) result.get(3 * i)),
						SessionScripts.text((byte[]) result.get(3 * i + 1)),
						SessionScripts.text((byte[]) result.get(3 * i + 2)))))
			.onErrorResume((ex) -> RedisErrors.permissionError(ex) != null, (ex) -> Mono
				.just(scriptRefused(RedisErrors.permissionError(ex).getMessage(), SessionScripts.text(keys[0]))));
	}

	/**
	 * Returns the refusal of the script call itself: of {@code EVALSHA} or {@code EVAL},
	 * or of its declared keys.
	 */
	private Refusal scriptRefused(String error, String key) {
		Matcher command = COMMAND_NAME.matcher(error);
		return refusal(command.find() ? command.group(1).toUpperCase(Locale.ROOT) : "EVALSHA", key, error);
	}

	private Refusal refusal(String command, String object, String error) {
		String text = error.toLowerCase(Locale.ROOT);
		String rule;
		if (text.contains("key")) {
			rule = "~" + this.settings.prefix() + ":*";
		}
		else if (text.contains("channel")) {
			rule = "&" + this.keys.channelPrefix() + "*";
		}
		else {
			rule = "+" + command.toLowerCase(Locale.ROOT);
		}
		return new Refusal(command, object, error, rule);
	}

	/**
	 * Returns a one-line summary of what Redis refused, for the health details.
	 */
	static String summary(List<Refusal> refusals) {
		List<String> parts = new ArrayList<>();
		refusals.forEach((refusal) -> parts.add(refusal.command() + " on '" + refusal.object() + "'"));
		return "the Redis user lacks " + String.join(" ", rules(refusals)) + " (refused: " + String.join(", ", parts)
				+ ")";
	}

	private RedisPermissionException exception(List<Refusal> refusals) {
		StringBuilder message = new StringBuilder(
				"Redis refuses commands the session store needs (" + this.settings.target()
						+ "); the store's Redis user lacks the ACL rules " + String.join(" ", rules(refusals)) + ":");
		for (Refusal refusal : refusals) {
			message.append("\n  ")
				.append(refusal.command())
				.append(" on '")
				.append(refusal.object())
				.append("': ")
				.append(refusal.error());
		}
		message.append("\nGrant them (the section \"Redis ACL\" of docs/redis.md lists all the store needs), or set "
				+ "session.redis.prefix (keys, now '" + this.settings.prefix() + ":*') and session.redis.topic "
				+ "(channels, now '" + this.keys.channelPrefix() + "*') to names the user may use.");
		return new RedisPermissionException(message.toString(), rules(refusals), this.settings.prefix(),
				this.settings.topic());
	}

	private static List<String> rules(List<Refusal> refusals) {
		Set<String> rules = new LinkedHashSet<>();
		refusals.forEach((refusal) -> rules.add(refusal.rule()));
		return List.copyOf(rules);
	}

	/**
	 * A command Redis refused: on which key or channel, Redis's error, and the ACL rule
	 * the user lacks.
	 */
	record Refusal(String command, String object, String error, String rule) {
	}

}
