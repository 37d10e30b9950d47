package com.myunla.gateway.sample;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RoundRobinProxy;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Two instances of the sample gateway, {@value #A} and {@value #B} (their {@code whoami} answers), on one real
 * Redis behind a round-robin proxy: the setting in which MCP clients are tested. Closing it stops all of them.
 */
final class McpFleet implements AutoCloseable {

	static final String A = "a";

	static final String B = "b";

	private final RedisSingle redis;

	private final ConfigurableApplicationContext instanceA;

	private final ConfigurableApplicationContext instanceB;

	private final RoundRobinProxy proxy;

	private McpFleet(RedisSingle redis, ConfigurableApplicationContext instanceA,
			ConfigurableApplicationContext instanceB) {
		this.redis = redis;
		this.instanceA = instanceA;
		this.instanceB = instanceB;
		this.proxy = RoundRobinProxy.start(List.of(uri(instanceA), uri(instanceB)));
	}

	static McpFleet start() {
		RedisSingle redis = RedisSingle.start();
		ConfigurableApplicationContext a = null;
		try {
			a = start(redis, A);
			return new McpFleet(redis, a, start(redis, B));
		}
		catch (RuntimeException ex) {
			if (a != null) {
				a.close();
			}
			redis.close();
			throw ex;
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
		return this.proxy;
	}

	/**
	 * Returns the proxy's base URI, such as {@code http://127.0.0.1:40123}.
	 */
	String baseUrl() {
		return this.proxy.uri().toString().replaceAll("/$", "");
	}

	/**
	 * Returns the instance whose stream the session's metadata names as the live one (see the README's key
	 * layout), or an empty string while none is.
	 */
	String owner(String sessionId) {
		return this.redis.command("HGET", "session:{" + sessionId + "}:meta", "o");
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

	@Override
	public void close() {
		this.proxy.close();
		this.instanceA.close();
		this.instanceB.close();
		this.redis.close();
	}

}
