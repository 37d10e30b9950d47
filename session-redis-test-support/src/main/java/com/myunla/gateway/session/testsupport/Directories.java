package com.myunla.gateway.session.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Creates and deletes the temporary directories that hold the configuration, logs and
 * certificates of a group of Redis processes.
 */
final class Directories {

	private Directories() {
	}

	/**
	 * Creates a temporary directory, deleted on JVM exit unless {@link #delete(Path)
	 * deleted} before.
	 * @param prefix the start of its name
	 * @return the directory
	 */
	static Path createTemporary(String prefix) {
		try {
			Path directory = Files.createTempDirectory(prefix);
			Reaper.track(directory);
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create a temporary directory for Redis", ex);
		}
	}

	/**
	 * Creates a directory inside another.
	 * @param parent the parent directory
	 * @param name the name of the new directory
	 * @return the directory
	 */
	static Path create(Path parent, String name) {
		try {
			return Files.createDirectory(parent.resolve(name));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create directory " + parent.resolve(name), ex);
		}
	}

	/**
	 * Deletes a directory created by {@link #createTemporary(String)} with everything in
	 * it.
	 * @param directory the directory
	 */
	static void delete(Path directory) {
		deleteQuietly(directory);
		if (Files.exists(directory)) {
			throw new IllegalStateException("Cannot delete " + directory);
		}
	}

	/**
	 * Deletes a directory created by {@link #createTemporary(String)} as far as possible,
	 * for cleaning up after a failure that is about to be reported.
	 * @param directory the directory
	 */
	static void deleteQuietly(Path directory) {
		Reaper.forget(directory);
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			// A process killed a moment ago may still be writing; what is left stays in
			// the temp directory.
		}
	}

}
