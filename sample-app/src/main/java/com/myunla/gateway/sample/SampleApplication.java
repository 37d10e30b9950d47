package com.myunla.gateway.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * A small WebFlux gateway that keeps its client sessions in a
 * {@link com.myunla.gateway.session.Store}.
 */
@SpringBootApplication
@EnableConfigurationProperties(SampleProperties.class)
public class SampleApplication {

	/**
	 * Starts the sample gateway.
	 * @param args command-line arguments, for example
	 * {@code --server.port=8081 --session.type=redis}
	 */
	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
