package com.myunla.gateway.session.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.RequestInfo;
import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.testsupport.RedisOptions;
import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the application can change on the session store's own Redis client: Spring Boot's
 * {@link ClientResourcesBuilderCustomizer} beans, {@link SessionRedisClientCustomizer}
 * beans (after {@code session.redis.*}, in their order), and the protocols and ciphers of
 * an SSL bundle.
 */
@RequiresRedis
class SessionRedisClientCustomizationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, SessionAutoConfiguration.class))
		.withPropertyValues("session.type=redis", "session.redis.probe-interval=500ms");

	@Test
	void clientResourcesBuilderCustomizersReachTheSessionClient() {
		try (RedisSingle redis = RedisSingle.start()) {
			this.contextRunner.withUserConfiguration(ClientResourcesCustomization.class)
				.withPropertyValues("session.redis.addr=" + redis.address())
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(context.getBean(ClientResourcesCustomization.class).channels).hasPositiveValue();
				});
		}
	}

	@Test
	void sessionRedisClientCustomizersRunAfterThePropertiesInTheirOrder() {
		try (RedisSingle redis = RedisSingle.start()) {
			this.contextRunner.withUserConfiguration(ClientCustomization.class)
				.withPropertyValues("session.redis.addr=" + redis.address(), "session.redis.command-timeout=3s")
				.run((context) -> {
					ClientCustomization customization = context.getBean(ClientCustomization.class);
					assertThat(customization.calls).containsExactly("first", "second");
					assertThat(customization.seenByFirst.get().getCommandTimeout()).isEqualTo(Duration.ofSeconds(3));
					assertThat(redis.command("CLIENT", "LIST")).contains("name=customized")
						.doesNotContain("name=session-store");
					context.getBean(Store.class).register(meta("s1")).block();
				});
		}
	}

	@Test
	void sslBundleProtocolsAndCiphersReachTheClientOptions() {
		try (RedisSingle redis = RedisSingle.start(RedisOptions.defaults().withTls())) {
			this.contextRunner.withUserConfiguration(ClientCustomization.class)
				.withPropertyValues("session.redis.addr=" + redis.address(), "session.redis.ssl.bundle=redis",
						"spring.ssl.bundle.pem.redis.truststore.certificate=file:" + redis.caCertificate(),
						"spring.ssl.bundle.pem.redis.options.enabled-protocols=TLSv1.3",
						"spring.ssl.bundle.pem.redis.options.ciphers=TLS_AES_128_GCM_SHA256")
				.run((context) -> {
					LettuceClientConfiguration client = context.getBean(ClientCustomization.class).seenByFirst.get();
					assertThat(client.isUseSsl()).isTrue();
					SslOptions ssl = client.getClientOptions().map(ClientOptions::getSslOptions).orElseThrow();
					assertThat(ssl.getProtocols()).containsExactly("TLSv1.3");
					assertThat(ssl.getCipherSuites()).containsExactly("TLS_AES_128_GCM_SHA256");
					context.getBean(Store.class).register(meta("s1")).block();
				});
		}
	}

	@Test
	void sslBundleProtocolTheServerDoesNotSpeakStopsStartup() {
		try (RedisSingle redis = RedisSingle.start(RedisOptions.defaults().withTls())) {
			this.contextRunner
				.withPropertyValues("session.redis.addr=" + redis.address(), "session.redis.ssl.bundle=redis",
						"session.redis.command-timeout=1s",
						"spring.ssl.bundle.pem.redis.truststore.certificate=file:" + redis.caCertificate(),
						"spring.ssl.bundle.pem.redis.options.enabled-protocols=TLSv1.1")
				.run((context) -> assertThat(context).getFailure()
					.hasStackTraceContaining("Cannot connect to Redis (single mode, " + redis.address()));
		}
	}

	private static Meta meta(String id) {
		return Meta.of(id, "", "sse", new RequestInfo(Map.of(), Map.of(), Map.of()));
	}

	@Configuration(proxyBeanMethods = false)
	static class ClientResourcesCustomization {

		final AtomicInteger channels = new AtomicInteger();

		@Bean
		ClientResourcesBuilderCustomizer countingChannels() {
			return (builder) -> builder.nettyCustomizer(new NettyCustomizer() {

				@Override
				public void afterChannelInitialized(Channel channel) {
					ClientResourcesCustomization.this.channels.incrementAndGet();
				}

			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ClientCustomization {

		final List<String> calls = new CopyOnWriteArrayList<>();

		final AtomicReference<LettuceClientConfiguration> seenByFirst = new AtomicReference<>();

		@Bean
		@Order(2)
		SessionRedisClientCustomizer second() {
			return (builder) -> {
				this.calls.add("second");
				builder.clientName("customized");
			};
		}

		@Bean
		@Order(1)
		SessionRedisClientCustomizer first() {
			return (builder) -> {
				this.calls.add("first");
				this.seenByFirst.set(builder.build());
			};
		}

	}

}
