package com.myunla.gateway.session.autoconfigure;

import com.myunla.gateway.session.autoconfigure.SessionProperties.StoreType;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The store configurations refuse to create their store when {@code session.type} names
 * the other one, which only happens in an application processed ahead of time (whose
 * conditions were decided when it was processed); {@code AotProcessedSampleIT} in the
 * sample runs such an application.
 */
class StoreTypeProcessedAheadOfTimeTests {

	@Test
	void memoryStoreConfigurationRefusesToRunWithSessionTypeRedis() {
		SessionProperties properties = new SessionProperties();
		properties.setType(StoreType.REDIS);
		assertThatExceptionOfType(StoreTypeProcessedAheadOfTimeException.class)
			.isThrownBy(() -> new MemoryStoreConfiguration().sessionStore(properties, null))
			.withMessage("The application was processed ahead of time with session.type=memory"
					+ " but runs with session.type=redis");
	}

	@Test
	void redisStoreConfigurationRefusesToRunWithSessionTypeMemory() {
		SessionProperties properties = new SessionProperties();
		assertThatExceptionOfType(StoreTypeProcessedAheadOfTimeException.class)
			.isThrownBy(() -> new RedisStoreConfiguration().sessionStore(properties, null, null, null, null))
			.withMessage("The application was processed ahead of time with session.type=redis"
					+ " but runs with session.type=memory");
	}

	@Test
	void analysisNamesBothStoresAndHowToProcessTheApplication() {
		StoreTypeProcessedAheadOfTimeException failure = new StoreTypeProcessedAheadOfTimeException(StoreType.MEMORY,
				StoreType.REDIS);
		FailureAnalysis analysis = new StoreTypeProcessedAheadOfTimeFailureAnalyzer().analyze(failure);
		assertThat(analysis.getDescription()).isEqualTo("The application was processed ahead of time with"
				+ " session.type=memory, which fixed its session store, but runs with session.type=redis.");
		assertThat(analysis.getAction()).isEqualTo("Process the application ahead of time with session.type=redis"
				+ " (for example -Dsession.type=redis in the jvmArguments of spring-boot-maven-plugin's process-aot"
				+ " goal), or run it with session.type=memory.");
	}

}
