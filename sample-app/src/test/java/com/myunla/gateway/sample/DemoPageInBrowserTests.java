package com.myunla.gateway.sample;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.myunla.gateway.session.testsupport.RedisSingle;
import com.myunla.gateway.session.testsupport.RequiresRedis;
import com.myunla.gateway.session.testsupport.RoundRobinProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo page in a real browser, behind a round-robin proxy in front of two instances
 * of the sample on one Redis: when the instance holding the page's stream stops while
 * messages flow, the page resumes its session on the other instance and shows every
 * message once, in order.
 */
@RequiresRedis
@RequiresBrowser
class DemoPageInBrowserTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final int BEFORE_STOP = 10;

	private static final int TOTAL = 60;

	private static final Path SCREENSHOT = Path.of("target", "browser", "demo-page-resumed.png");

	private RedisSingle redis;

	private ConfigurableApplicationContext instanceA;

	private ConfigurableApplicationContext instanceB;

	@AfterEach
	void stopFleet() throws Exception {
		for (AutoCloseable resource : new AutoCloseable[] { this.instanceA, this.instanceB, this.redis }) {
			if (resource != null) {
				resource.close();
			}
		}
	}

	@Test
	void pageResumesItsSessionOnTheOtherInstanceAndShowsEveryMessageOnceInOrder() throws Exception {
		this.redis = RedisSingle.start();
		this.instanceA = start("a");
		this.instanceB = start("b");
		try (RoundRobinProxy proxy = RoundRobinProxy.start(List.of(uri(this.instanceA), uri(this.instanceB)));
				DemoPage page = DemoPage.open(proxy.uri(), SCREENSHOT)) {
			String sessionId = page.session();
			String holder = await().atMost(TIMEOUT).until(() -> owner(sessionId), (owner) -> !owner.isEmpty());
			ConfigurableApplicationContext stopping = "a".equals(holder) ? this.instanceA : this.instanceB;
			ConfigurableApplicationContext surviving = "a".equals(holder) ? this.instanceB : this.instanceA;
			String survivor = "a".equals(holder) ? "b" : "a";

			// Messages are posted to the surviving instance, so that each one is
			// acknowledged before the next
			try (SampleClient sender = new SampleClient(port(surviving))) {
				IntStream.rangeClosed(1, BEFORE_STOP).forEach((i) -> sender.send(sessionId, data(i)));
				assertThat(page.awaitEntries(BEFORE_STOP).messages()).containsExactlyElementsOf(data(1, BEFORE_STOP));
				CompletableFuture<Void> rest = CompletableFuture
					.runAsync(() -> IntStream.rangeClosed(BEFORE_STOP + 1, TOTAL)
						.forEach((i) -> sender.send(sessionId, data(i))));
				stopping.close();
				rest.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
			// The page may have shown every message before its stream broke: wait until
			// it came back
			await().atMost(TIMEOUT).until(() -> owner(sessionId), survivor::equals);

			DemoPage.Shown shown = page.awaitEntries(TOTAL);
			assertThat(shown.session()).isEqualTo(sessionId);
			assertThat(shown.messages()).containsExactlyElementsOf(data(1, TOTAL));
			assertThat(shown.state()).isEqualTo("(stream open)");
			// The first stream registered the session; every later one resumed it after
			// an id the page showed
			assertThat(shown.streams()).hasSizeGreaterThan(1);
			assertThat(shown.streams().get(0).getQuery()).isNull();
			assertThat(shown.streams().subList(1, shown.streams().size())).allSatisfy((stream) -> {
				MultiValueMap<String, String> query = UriComponentsBuilder.fromUri(stream).build().getQueryParams();
				assertThat(query.getFirst("sessionId")).isEqualTo(sessionId);
				assertThat(query.getFirst("lastEventId")).isIn(shown.ids());
			});
			assertThat(proxy.requests(0)).isPositive();
			assertThat(proxy.requests(1)).isPositive();
			assertThat(page.screenshot()).isEqualTo(SCREENSHOT.toAbsolutePath()).isNotEmptyFile();
			assertThat(page.finish()).as(page.log()).isZero();
		}
	}

	private ConfigurableApplicationContext start(String instanceId) {
		return new SpringApplicationBuilder(SampleApplication.class)
			// Each instance on event loops of its own, as in a process of its own:
			// closing a context that uses Reactor Netty's global resources would dispose
			// them under the other instance too
			.initializers((context) -> ((GenericApplicationContext) context).registerBean(ReactorResourceFactory.class,
					DemoPageInBrowserTests::ownResources))
			.run("--server.port=0", "--server.shutdown=immediate", "--session.type=redis",
					"--session.redis.addr=" + this.redis.address(), "--session.redis.instance-id=" + instanceId);
	}

	private static ReactorResourceFactory ownResources() {
		ReactorResourceFactory resources = new ReactorResourceFactory();
		resources.setUseGlobalResources(false);
		resources.setShutdownQuietPeriod(Duration.ZERO);
		return resources;
	}

	// The instance whose stream the session's metadata names as the live one (see the
	// key layout in docs/redis.md)
	private String owner(String sessionId) {
		return this.redis.command("HGET", "session:{" + sessionId + "}:meta", "o");
	}

	private static URI uri(ConfigurableApplicationContext context) {
		return URI.create("http://127.0.0.1:" + port(context));
	}

	private static int port(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	private static String data(int i) {
		return String.format("m-%02d", i);
	}

	private static List<String> data(int first, int last) {
		return IntStream.rangeClosed(first, last).mapToObj(DemoPageInBrowserTests::data).toList();
	}

}
