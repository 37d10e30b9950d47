package com.myunla.gateway.sample;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample as it was processed ahead of time by the build, run in a JVM of its own with
 * {@code -Dspring.aot.enabled=true}: the jar on the memory store, and the variant
 * processed for {@code session.type=redis} on a real Redis. Each registers a session,
 * streams it, takes a message with its id and resumes with {@code Last-Event-ID}; the
 * class-loading log shows that the generated initializer and the store's generated bean
 * definitions were used. Both builds hold the Redis store's runtime hints.
 */
@RequiresRedis
class AotProcessedSampleIT {

	private static final String GENERATED_INITIALIZER = SampleApplication.class.getName()
			+ "__ApplicationContextInitializer";

	private static final String HINTS = "META-INF/native-image/com.myunla/sample-app/reachability-metadata.json";

	private static final Duration STARTUP = Duration.ofSeconds(90);

	private static final Pattern PORT = Pattern.compile("Netty started on port (\\d+)");

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Path jar = Path.of(System.getProperty("sample.jar"));

	private static final Path redisVariant = Path.of(System.getProperty("sample.aot-redis.directory"));

	private static RedisSingle redis;

	private static AotProcess onMemory;

	private static AotProcess onRedis;

	/**
	 * Starts both variants at once, so that their startups overlap.
	 */
	@BeforeAll
	static void start() throws IOException {
		redis = RedisSingle.start();
		onMemory = AotProcess.start(List.of("-jar", jar.toString()), "--session.type=memory");
		String classPath = redisVariant.resolve("classes") + File.pathSeparator
				+ Files.readString(redisVariant.resolve("classpath.txt")).trim();
		onRedis = AotProcess.start(List.of("-cp", classPath, SampleApplication.class.getName()), "--session.type=redis",
				"--session.redis.addr=" + redis.address());
	}

	@AfterAll
	static void stop() throws Exception {
		try (RedisSingle server = redis; AotProcess memorySample = onMemory; AotProcess redisSample = onRedis) {
			// closes the samples, then Redis
		}
	}

	@Test
	void jarRunsAotProcessedOnTheMemoryStore() throws Exception {
		try (ZipFile archive = new ZipFile(jar.toFile())) {
			assertThat(archive.getEntry("BOOT-INF/classes/" + GENERATED_INITIALIZER.replace('.', '/') + ".class"))
				.as("generated initializer in the jar")
				.isNotNull();
			// the repackaged jar keeps native image metadata at its root
			ZipEntry hints = archive.getEntry(HINTS);
			assertThat(hints).as("runtime hints in the jar").isNotNull();
			try (InputStream content = archive.getInputStream(hints)) {
				assertRedisStoreHints(json.readTree(content));
			}
		}
		exerciseStreamAndResume(onMemory);
		assertThat(onMemory.loadedClasses()).contains(GENERATED_INITIALIZER,
				"com.myunla.gateway.session.autoconfigure.MemoryStoreConfiguration__BeanDefinitions",
				"com.myunla.gateway.session.memory.MemoryStore");
	}

	@Test
	void redisVariantRunsAotProcessedOnRedis() throws Exception {
		Path classes = redisVariant.resolve("classes");
		assertThat(classes.resolve(GENERATED_INITIALIZER.replace('.', '/') + ".class")).exists();
		assertRedisStoreHints(json.readTree(classes.resolve(HINTS).toFile()));
		String sessionId = exerciseStreamAndResume(onRedis);
		assertThat(redis.command("KEYS", "*" + sessionId + "*")).as("the session's keys in Redis").isNotBlank();
		assertThat(onRedis.loadedClasses())
			.contains(GENERATED_INITIALIZER,
					"com.myunla.gateway.session.autoconfigure.RedisStoreConfiguration__BeanDefinitions",
					"com.myunla.gateway.session.redis.RedisStore")
			.doesNotContain("com.myunla.gateway.session.memory.MemoryStore");
	}

	@Test
	void jarProcessedForTheMemoryStoreRefusesToRunWithSessionTypeRedis() throws Exception {
		try (AotProcess misconfigured = AotProcess.start(List.of("-jar", jar.toString()), "--session.type=redis",
				"--session.redis.addr=127.0.0.1:1")) {
			assertThat(misconfigured.awaitExit()).as("exit status").isNotZero();
			assertThat(misconfigured.output()).contains("APPLICATION FAILED TO START")
				.contains("The application was processed ahead of time with session.type=memory, which fixed its"
						+ " session store, but runs with session.type=redis.")
				.contains("Process the application ahead of time with session.type=redis");
		}
	}

	/**
	 * What the Redis store registers through {@code META-INF/spring/aot.factories}, as
	 * the build wrote it for a native image: its Lua scripts and the session metadata it
	 * turns into JSON.
	 */
	private static void assertRedisStoreHints(JsonNode hints) {
		List<String> resources = new ArrayList<>();
		hints.get("resources").forEach((resource) -> resources.add(resource.path("glob").asString()));
		assertThat(resources).contains("com/myunla/gateway/session/redis/*.lua");
		List<String> types = new ArrayList<>();
		// a type is a name, or an object for a proxy
		hints.get("reflection")
			.forEach((type) -> types.add(type.path("type").isString() ? type.path("type").asString() : ""));
		assertThat(types).contains("com.myunla.gateway.session.Meta", "com.myunla.gateway.session.RequestInfo");
	}

	/**
	 * Registers a session, streams it, sends it two messages and resumes after the first.
	 * @return the session id
	 */
	private static String exerciseStreamAndResume(AotProcess sample) {
		try (SampleClient client = new SampleClient(sample.port())) {
			SseStream stream = client.open("/sse");
			String sessionId = SampleClient.sessionIdOf(stream.next());
			client.send(sessionId, "first");
			SseStream.Event first = stream.next();
			assertThat(first.event()).isEqualTo("message");
			assertThat(first.data()).isEqualTo("first");
			assertThat(first.id()).isNotBlank();
			client.send(sessionId, "second");
			SseStream.Event second = stream.next();
			assertThat(second.data()).isEqualTo("second");
			stream.close();
			SseStream resumed = client.resume(sessionId, first.id());
			assertThat(SampleClient.dataAndId(resumed.next())).isEqualTo(SampleClient.dataAndId(second));
			client.send(sessionId, "third");
			assertThat(resumed.next().data()).isEqualTo("third");
			return sessionId;
		}
	}

	/**
	 * The sample in a JVM of its own, started with {@code -Dspring.aot.enabled=true} and
	 * logging the classes it loads.
	 */
	private static final class AotProcess implements AutoCloseable {

		private final Process process;

		private final Path output;

		private final Path classLog;

		private int port;

		private AotProcess(Process process, Path output, Path classLog) {
			this.process = process;
			this.output = output;
			this.classLog = classLog;
		}

		static AotProcess start(List<String> launch, String... arguments) throws IOException {
			Path directory = Files.createTempDirectory("aot-sample");
			Path output = directory.resolve("output.log");
			Path classLog = directory.resolve("classes.log");
			List<String> command = new ArrayList<>();
			command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
			command.add("-Dspring.aot.enabled=true");
			// C1 only: a third less CPU to start, and the test is short
			command.add("-XX:TieredStopAtLevel=1");
			command.add("-Xlog:class+load=info:file=" + classLog);
			command.addAll(launch);
			command.add("--server.address=127.0.0.1");
			command.add("--server.port=0");
			command.addAll(List.of(arguments));
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			return new AotProcess(process, output, classLog);
		}

		/**
		 * Waits for the sample to have started, the first time, and returns its port.
		 */
		int port() {
			if (this.port == 0) {
				try {
					this.port = awaitStarted();
				}
				catch (ConditionTimeoutException ex) {
					throw new AssertionError(ex.getMessage() + "; its output:\n" + output(), ex);
				}
			}
			return this.port;
		}

		/**
		 * Returns the text of the class-loading log, one loaded class a line.
		 */
		String loadedClasses() throws IOException {
			return Files.readString(this.classLog);
		}

		/**
		 * Waits for the process to exit and returns its exit status.
		 */
		int awaitExit() throws InterruptedException {
			assertThat(this.process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS))
				.as("the sample exited within %s; its output:%n%s", STARTUP, output())
				.isTrue();
			return this.process.exitValue();
		}

		private int awaitStarted() {
			int port = await("the AOT-processed sample to start").atMost(STARTUP)
				.pollInterval(Duration.ofMillis(100))
				.until(this::startedPort, (found) -> found > 0);
			assertThat(output()).contains("Starting AOT-processed SampleApplication");
			return port;
		}

		private int startedPort() {
			String output = output();
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The sample exited with " + this.process.exitValue() + ":\n" + output);
			}
			Matcher matcher = PORT.matcher(output);
			return (matcher.find() && output.contains("Started SampleApplication")) ? Integer.parseInt(matcher.group(1))
					: 0;
		}

		private String output() {
			try {
				return Files.readString(this.output, StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public void close() throws Exception {
			this.process.destroy();
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
			try (Stream<Path> files = Files.list(this.output.getParent())) {
				for (Path file : files.toList()) {
					Files.delete(file);
				}
			}
			Files.delete(this.output.getParent());
		}

	}

}
