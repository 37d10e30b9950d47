package com.myunla.gateway.session.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Finds the {@code redis-server}, {@code redis-cli} and {@code openssl} executables and
 * tells whether Redis tests are required to run.
 *
 * <p>
 * Executables are looked up on the {@code PATH}, then in {@code /usr/bin} and
 * {@code /usr/local/bin}. Redis tests are required when the system property
 * {@value #REQUIRED_PROPERTY} or the environment variable {@code CI} is {@code true}.
 */
public final class RedisBinaries {

	/**
	 * System property that, when {@code true}, turns a missing {@code redis-server} into
	 * a test failure.
	 */
	public static final String REQUIRED_PROPERTY = "session.redis.required";

	private static final List<String> FALLBACK_DIRECTORIES = List.of("/usr/bin", "/usr/local/bin");

	private RedisBinaries() {
	}

	/**
	 * Tells whether {@code redis-server} and {@code redis-cli} can be found.
	 * @return whether Redis processes can be started
	 */
	public static boolean available() {
		return find("redis-server").isPresent() && find("redis-cli").isPresent();
	}

	/**
	 * Tells whether Redis tests must run: the system property {@value #REQUIRED_PROPERTY}
	 * or the environment variable {@code CI} is {@code true}.
	 * @return whether a missing Redis is an error rather than a reason to skip
	 */
	public static boolean required() {
		return required(System.getProperty(REQUIRED_PROPERTY), System.getenv("CI"));
	}

	/**
	 * Returns the {@code redis-server} executable.
	 * @return its path
	 * @throws IllegalStateException if it cannot be found
	 */
	public static Path redisServer() {
		return require("redis-server");
	}

	/**
	 * Returns the {@code redis-cli} executable.
	 * @return its path
	 * @throws IllegalStateException if it cannot be found
	 */
	public static Path redisCli() {
		return require("redis-cli");
	}

	/**
	 * Returns the {@code openssl} executable, used to make TLS certificates.
	 * @return its path
	 * @throws IllegalStateException if it cannot be found
	 */
	public static Path openssl() {
		return require("openssl");
	}

	static boolean required(@Nullable String property, @Nullable String ci) {
		return "true".equalsIgnoreCase(property) || "true".equalsIgnoreCase(ci);
	}

	static Optional<Path> find(String name) {
		List<String> directories = new ArrayList<>();
		String path = System.getenv("PATH");
		if (path != null) {
			directories.addAll(List.of(path.split(File.pathSeparator)));
		}
		directories.addAll(FALLBACK_DIRECTORIES);
		return directories.stream()
			.filter((directory) -> !directory.isEmpty())
			.map((directory) -> Path.of(directory, name))
			.filter((candidate) -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
			.findFirst();
	}

	private static Path require(String name) {
		return find(name).orElseThrow(
				() -> new IllegalStateException(name + " not found on the PATH, in /usr/bin or in /usr/local/bin"));
	}

}
