package com.myunla.gateway.session.autoconfigure;

import com.myunla.gateway.session.memory.MemoryStore;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of a {@link MemoryStore}: always up, since it depends on nothing outside the
 * process. The details say {@code mode: memory}.
 */
public class MemoryStoreHealthIndicator extends AbstractHealthIndicator {

	/**
	 * Creates the indicator.
	 */
	public MemoryStoreHealthIndicator() {
		super("Session store health check failed");
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.up().withDetail("mode", "memory");
	}

}
