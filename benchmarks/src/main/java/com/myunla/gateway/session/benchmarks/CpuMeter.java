package com.myunla.gateway.session.benchmarks;

import java.lang.management.ManagementFactory;

import com.sun.management.OperatingSystemMXBean;

/**
 * Reads the CPU time used by this JVM (both store instances, the baselines' clients and
 * the consumers) and by the Redis server, so that a scenario can tell what one operation
 * costs on each side. On a machine where the JVM and Redis share a few cores, these
 * costs, not the network, bound the throughput.
 */
final class CpuMeter {

	private final RedisAdmin admin;

	private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

	CpuMeter(RedisAdmin admin) {
		this.admin = admin;
	}

	Sample sample() {
		return new Sample(this.os.getProcessCpuTime() / 1000, this.admin.cpuMicros());
	}

	/**
	 * CPU time used so far.
	 *
	 * @param jvmMicros by this JVM
	 * @param redisMicros by the Redis server
	 */
	record Sample(long jvmMicros, long redisMicros) {

		/**
		 * Returns the CPU time per operation since an earlier sample.
		 * @param earlier the earlier sample
		 * @param operations the operations done in between
		 * @return microseconds per operation in this JVM and in Redis
		 */
		Cost since(Sample earlier, long operations) {
			return new Cost((this.jvmMicros - earlier.jvmMicros) / (double) operations,
					(this.redisMicros - earlier.redisMicros) / (double) operations);
		}

	}

	/**
	 * CPU time per operation.
	 *
	 * @param jvmMicros in this JVM
	 * @param redisMicros in Redis
	 */
	record Cost(double jvmMicros, double redisMicros) {
	}

}
