package com.myunla.gateway.session.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.myunla.gateway.session.Message;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import reactor.core.publisher.Mono;

/**
 * {@code send_script}: where the Redis time of a send goes. Runs the store's
 * {@code send.lua} and variants that each do one of its commands, with the same keys and
 * arguments, in a closed loop of {@value DeliveryScenario#SENDERS} calls in flight, and
 * reads per call the Redis process's CPU time ({@code INFO cpu}) and the time inside the
 * call ({@code INFO commandstats}, the {@code usec} of {@code evalsha} or
 * {@code publish}). Baselines, in the same run: a plain {@code PUBLISH} of the data and a
 * script that does nothing (the floor of any script call). Then {@code send.lua} with 4,
 * 16 and 32 messages per call, as the store batches concurrent sends: its figures are per
 * message. The sessions' meta hashes name an owner whose channel has one subscriber, as
 * in {@code delivery}.
 */
final class SendScriptScenario implements Scenario {

	private static final String SEND_SCRIPT = "com/myunla/gateway/session/redis/send.lua";

	private static final String OWNER = "bench-sub";

	private static final String CHANNEL_PREFIX = "session_updates:";

	private static final int SESSIONS = DeliveryScenario.SESSIONS;

	/** Messages per call of the batched variants of send.lua. */
	private static final int[] BATCHES = { 4, 16, 32 };

	@Override
	public String name() {
		return "send_script";
	}

	@Override
	public Result run(BenchContext context) throws Exception {
		RunMode mode = context.mode();
		boolean full = mode.isFull();
		Duration time = full ? Duration.ofSeconds(3) : Duration.ofMillis(800);
		int rounds = full ? 3 : 1;
		Map<String, String> scripts = new LinkedHashMap<>();
		scripts.put("script doing nothing", "return 'ok'");
		scripts.put("script: HMGET o l x", "redis.call('HMGET', KEYS[1], 'o', 'l', 'x') return 'ok'");
		scripts.put("script: XADD MAXLEN ~", "redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '*', 'p', '0-0', "
				+ "'e', ARGV[7], 'd', ARGV[8]) return 'ok'");
		scripts.put("script: HSET l", "redis.call('HSET', KEYS[1], 'l', '1-1') return 'ok'");
		scripts.put("script: PUBLISH frame", "redis.call('PUBLISH', ARGV[3] .. '" + OWNER + "', 'm\\n' .. ARGV[9] "
				+ ".. '\\n0-0\\n1-1\\n' .. ARGV[7] .. '\\n' .. ARGV[8]) return 'ok'");
		scripts.put("send.lua", sendScript());
		CpuMeter cpu = new CpuMeter(context.admin());
		RedisClient client = RedisClient.create(context.redisUri());
		try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
				RawPubSub subscriber = new RawPubSub(context.redisUri(), CHANNEL_PREFIX + OWNER, (payload) -> {
				})) {
			RedisReactiveCommands<byte[], byte[]> commands = connection.reactive();
			List<String> ids = new ArrayList<>();
			for (int i = 0; i < SESSIONS; i++) {
				String id = Fixtures.newId();
				commands
					.hset(bytes("session:{" + id + "}:meta"), Map.of(bytes("m"), bytes("{}"), bytes("o"), bytes(OWNER),
							bytes("t"), bytes("token"), bytes("l"), bytes("0-0"), bytes("c"), bytes("0-0")))
					.block();
				ids.add(id);
			}
			Map<String, Supplier<Mono<?>>> variants = new LinkedHashMap<>();
			variants.put("PUBLISH of the data (command)",
					() -> Mono.defer(() -> subscriber.publish(Fixtures.timestampedPayload())));
			AtomicInteger next = new AtomicInteger();
			Map<String, Integer> messagesPerCall = new LinkedHashMap<>();
			for (Map.Entry<String, String> script : scripts.entrySet()) {
				String sha = commands.scriptLoad(bytes(script.getValue())).block();
				variants.put(script.getKey(), () -> call(commands, sha, script.getKey(), ids, next, 1));
			}
			String sendSha = commands.scriptLoad(bytes(scripts.get("send.lua"))).block();
			for (int batch : BATCHES) {
				String name = "send.lua, " + batch + " messages per call";
				variants.put(name, () -> call(commands, sendSha, name, ids, next, batch));
				messagesPerCall.put(name, batch);
			}
			// warm-up: every variant once, briefly
			for (Supplier<Mono<?>> variant : variants.values()) {
				ClosedLoop.run(time.dividedBy(2), DeliveryScenario.SENDERS, variant);
			}
			Map<String, List<Cost>> costs = new LinkedHashMap<>();
			for (int round = 0; round < rounds; round++) {
				for (Map.Entry<String, Supplier<Mono<?>>> variant : variants.entrySet()) {
					String command = variant.getKey().startsWith("PUBLISH") ? "publish" : "evalsha";
					costs.computeIfAbsent(variant.getKey(), (name) -> new ArrayList<>())
						.add(measure(context.admin(), cpu, command, time, variant.getValue(),
								messagesPerCall.getOrDefault(variant.getKey(), 1)));
				}
			}
			Result result = new Result(name());
			for (Map.Entry<String, List<Cost>> entry : costs.entrySet()) {
				double process = Stats.median(entry.getValue(), Cost::processMicros);
				double command = Stats.median(entry.getValue(), Cost::commandMicros);
				double rate = Stats.median(entry.getValue(), Cost::perSecond);
				context.progress(String.format(
						"%-40s Redis CPU %.2f us per message, %.2f us inside the call per message, %s messages/s",
						entry.getKey(), process, command, Stats.count(rate)));
				String key = entry.getKey().replaceAll("[^A-Za-z0-9]+", "_").toLowerCase(Locale.ROOT);
				result.figure(key + "_redis_cpu_us", process)
					.figure(key + "_in_call_us", command)
					.row("Redis CPU / time inside the call, per message: " + entry.getKey(),
							String.format(Locale.ROOT, "%.2f / %.2f us", process, command), null);
			}
			return result.note(String.format(
					"%d sessions whose owner's channel has one subscriber, %d calls in "
							+ "flight; medians of %d round(s) of %d ms per variant",
					SESSIONS, DeliveryScenario.SENDERS, rounds, time.toMillis()));
		}
		finally {
			client.shutdown();
		}
	}

	/**
	 * Calls a script with send.lua's keys and arguments for {@code messages} messages,
	 * each to the next session.
	 */
	private static Mono<Void> call(RedisReactiveCommands<byte[], byte[]> commands, String sha, String name,
			List<String> ids, AtomicInteger next, int messages) {
		return Mono.defer(() -> {
			byte[][] keys = new byte[2 * messages][];
			// send.lua's arguments: expiry, retention, channel prefix, slide interval,
			// shard channel prefix ('' outside a cluster), retention in bytes, then per
			// message: event, data, session id, registration token ('' for any), nonce,
			// headers ('' for none)
			byte[][] args = new byte[6 + 6 * messages][];
			args[0] = bytes("86401000");
			args[1] = bytes("256");
			args[2] = bytes(CHANNEL_PREFIX);
			args[3] = bytes("1000");
			args[4] = bytes("");
			args[5] = bytes("2097152");
			for (int i = 0; i < messages; i++) {
				String id = ids.get(Math.floorMod(next.getAndIncrement(), SESSIONS));
				keys[2 * i] = bytes("session:{" + id + "}:meta");
				keys[2 * i + 1] = bytes("session:{" + id + "}:log");
				byte[] nonce = new byte[8];
				ThreadLocalRandom.current().nextBytes(nonce);
				args[6 + 6 * i] = bytes(Message.DEFAULT_EVENT);
				args[7 + 6 * i] = Fixtures.timestampedPayload();
				args[8 + 6 * i] = bytes(id);
				args[9 + 6 * i] = bytes("");
				args[10 + 6 * i] = nonce;
				args[11 + 6 * i] = bytes("");
			}
			return commands.evalsha(sha, ScriptOutputType.MULTI, keys, args)
				// every variant answers: a script that answers nothing did not do a
				// send's work
				.switchIfEmpty(Mono.error(() -> new IllegalStateException(
						"'" + name + "' answered nil: its arguments no longer match send.lua's")))
				.then();
		});
	}

	private static Cost measure(RedisAdmin admin, CpuMeter cpu, String command, Duration time,
			Supplier<Mono<?>> variant, int messagesPerCall) {
		RedisAdmin.CommandStats statsBefore = admin.commandStats().getOrDefault(command, RedisAdmin.CommandStats.NONE);
		CpuMeter.Sample before = cpu.sample();
		ClosedLoop.Run run = ClosedLoop.run(time, DeliveryScenario.SENDERS, variant);
		CpuMeter.Cost cost = cpu.sample().since(before, run.operations());
		RedisAdmin.CommandStats statsAfter = admin.commandStats().getOrDefault(command, RedisAdmin.CommandStats.NONE);
		double inCall = (statsAfter.micros() - statsBefore.micros())
				/ (double) (statsAfter.calls() - statsBefore.calls());
		return new Cost(cost.redisMicros() / messagesPerCall, inCall / messagesPerCall,
				run.perSecond() * messagesPerCall);
	}

	private static String sendScript() throws IOException {
		try (InputStream in = SendScriptScenario.class.getClassLoader().getResourceAsStream(SEND_SCRIPT)) {
			if (in == null) {
				throw new IllegalStateException("Missing " + SEND_SCRIPT);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private record Cost(double processMicros, double commandMicros, double perSecond) {
	}

}
