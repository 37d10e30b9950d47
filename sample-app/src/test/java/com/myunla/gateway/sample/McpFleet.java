package com.myunla.gateway.sample;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RoundRobinProxy;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Two instances of the sample gateway, {@value #A} and {@value #B} (their {@code whoami}
 * answers), on one real Redis behind a round-robin proxy: the setting in which MCP
 * clients are tested. As a static {@code @RegisterExtension} field it starts before a
 * test class's tests and stops after them.
 */
final class McpFleet implements BeforeAllCallback, AfterAllCallback {

	static final String A = "a";

	static final String B = "b";

	private @Nullable RedisSingle redis;

	private @Nullable ConfigurableApplicationContext instanceA;

	private @Nullable ConfigurableApplicationContext instanceB;

	private @Nullable RoundRobinProxy proxy;

	@Override
	public void beforeAll(ExtensionContext context) {
		this.redis = RedisSingle.start();
		this.instanceA = start(this.redis, A);
		this.instanceB = start(this.redis, B);
		this.proxy = RoundRobinProxy.start(List.of(uri(this.instanceA), uri(this.instanceB)));
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		for (AutoCloseable resource : new AutoCloseable[] { this.proxy, this.instanceA, this.instanceB, this.redis }) {
			if (resource != null) {
				resource.close();
			}
		}
	}

	private static ConfigurableApplicationContext start(RedisSingle redis, String instanceId) {
		return new SpringApplicationBuilder(SampleApplication.class)
			// Each instance on event loops of its own, as in a process of its own
			.initializers((context) -> ((GenericApplicationContext) context).registerBean(ReactorResourceFactory.class,
					McpFleet::ownResources))
			.run("--server.port=0", "--server.shutdown=immediate", "--session.type=redis",
					"--session.redis.addr=" + redis.address(), "--session.redis.instance-id=" + instanceId,
					"--sample.mcp.instance-id=" + instanceId);
	}

	private static ReactorResourceFactory ownResources() {
		ReactorResourceFactory resources = new ReactorResourceFactory();
		resources.setUseGlobalResources(false);
		resources.setShutdownQuietPeriod(Duration.ZERO);
		return resources;
	}

	RoundRobinProxy proxy() {
		return started(this.proxy);
	}

	/**
	 * Returns the proxy's base URI, such as {@code http://127.0.0.1:40123}.
	 */
	String baseUrl() {
		return proxy().uri().toString().replaceAll("/$", "");
	}

	/**
	 * Returns the instance whose stream the session's metadata names as the live one (see
	 * the key layout in docs/redis.md), or an empty string while none is.
	 */
	String owner(String sessionId) {
		return started(this.redis).command("HGET", "session:{" + sessionId + "}:meta", "o");
	}

	/**
	 * Returns the index of an instance among the proxy's backends.
	 */
	static int backend(String instanceId) {
		return A.equals(instanceId) ? 0 : 1;
	}

	private static URI uri(ConfigurableApplicationContext context) {
		return URI.create("http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	private static <T> T started(@Nullable T resource) {
		if (resource == null) {
			throw new IllegalStateException("Fleet not started");
		}
		return resource;
	}

}
