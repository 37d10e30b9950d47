package com.myunla.gateway.session.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Finds the server and client executables of a {@link ServerKind} ({@code redis-server}
 * and {@code redis-cli}, or {@code valkey-server} and {@code valkey-cli}) and
 * {@code openssl}, and tells whether Redis tests are required to run.
 *
 * <p>
 * Executables are looked up on the {@code PATH}, then in {@code /usr/bin} and
 * {@code /usr/local/bin}; Valkey's first in the directory named by
 * {@value ServerKind#VALKEY_HOME_VARIABLE}. Redis tests, Valkey's included, are required
 * when the system property {@value #REQUIRED_PROPERTY} or the environment variable
 * {@code CI} is {@code true}.
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
		return available(ServerKind.REDIS);
	}

	/**
	 * Tells whether the server and client executables of a kind can be found.
	 * @param kind the kind of server
	 * @return whether processes of that kind can be started
	 */
	public static boolean available(ServerKind kind) {
		return find(kind, kind.server()).isPresent() && find(kind, kind.cli()).isPresent();
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
		return server(ServerKind.REDIS);
	}

	/**
	 * Returns the {@code redis-cli} executable.
	 * @return its path
	 * @throws IllegalStateException if it cannot be found
	 */
	public static Path redisCli() {
		return cli(ServerKind.REDIS);
	}

	/**
	 * Returns the server executable of a kind.
	 * @param kind the kind of server
	 * @return its path
	 * @throws IllegalStateException if it cannot be found
	 */
	public static Path server(ServerKind kind) {
		return require(kind, kind.server());
	}

	/**
	 * Returns the command line client of a kind.
	 * @param kind the kind of server
	 * @return its path
	 * @throws IllegalStateException if it cannot be found
	 */
	public static Path cli(ServerKind kind) {
		return require(kind, kind.cli());
	}

	/**
	 * Returns the {@code openssl} executable, used to make TLS certificates.
	 * @return its path
	 * @throws IllegalStateException if it cannot be found
	 */
	public static Path openssl() {
		return find("openssl").orElseThrow(
				() -> new IllegalStateException("openssl not found on the PATH, in /usr/bin or in /usr/local/bin"));
	}

	static boolean required(@Nullable String property, @Nullable String ci) {
		return "true".equalsIgnoreCase(property) || "true".equalsIgnoreCase(ci);
	}

	static Optional<Path> find(String name) {
		return find(name, null);
	}

	private static Optional<Path> find(ServerKind kind, String name) {
		String homeVariable = kind.homeVariable();
		return find(name, (homeVariable != null) ? System.getenv(homeVariable) : null);
	}

	/**
	 * Looks an executable up in a directory of its own, then on the {@code PATH} and in
	 * the fallback directories.
	 * @param home the directory searched first, or {@code null} for none
	 */
	static Optional<Path> find(String name, @Nullable String home) {
		List<String> directories = new ArrayList<>();
		if (home != null) {
			directories.add(home);
		}
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

	private static Path require(ServerKind kind, String name) {
		return find(kind, name)
			.orElseThrow(() -> new IllegalStateException(name + " not found in " + kind.searchedPlaces()));
	}

}
