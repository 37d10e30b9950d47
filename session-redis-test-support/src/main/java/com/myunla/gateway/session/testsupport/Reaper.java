package com.myunla.gateway.session.testsupport;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Safety net for groups that are never closed (a test that forgets to, a JVM stopped by
 * Ctrl-C): a shutdown hook kills every Redis process still tracked and deletes every
 * directory still tracked, so that no {@code redis-server} outlives the build.
 */
final class Reaper {

	private static final Set<Process> processes = ConcurrentHashMap.newKeySet();

	private static final Set<Path> directories = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(Reaper::reap, "redis-test-support-reaper"));
	}

	private Reaper() {
	}

	static void track(Process process) {
		processes.add(process);
	}

	static void forget(Process process) {
		processes.remove(process);
	}

	static void track(Path directory) {
		directories.add(directory);
	}

	static void forget(Path directory) {
		directories.remove(directory);
	}

	private static void reap() {
		for (Process process : processes) {
			process.destroyForcibly();
		}
		for (Process process : processes) {
			try {
				process.waitFor(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		directories.forEach(Directories::deleteQuietly);
	}

}
