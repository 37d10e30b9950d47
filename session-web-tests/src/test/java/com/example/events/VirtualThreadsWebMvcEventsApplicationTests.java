package com.example.events;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The application run as a Spring MVC application with
 * {@code spring.threads.virtual.enabled=true}: every test of the superclass, streaming,
 * sending and resuming with {@code Last-Event-ID} included, with each request served on a
 * virtual thread.
 *
 * <p>
 * Spring Boot ignores the property on a JVM older than 21, so this test needs Java 21 or
 * later: the build runs the tag {@code virtual-threads} in a surefire execution of its
 * own on the JVM that {@code SESSION_JDK21_HOME} names (see {@code .ci/run}). On an older
 * JVM each test is skipped, or fails under {@code CI=true}.
 */
@Tag("virtual-threads")
@TestPropertySource(properties = { "spring.main.web-application-type=servlet", "spring.threads.virtual.enabled=true" })
@Import(VirtualThreadsWebMvcEventsApplicationTests.RequestThreads.class)
class VirtualThreadsWebMvcEventsApplicationTests extends AbstractEventsApplicationTests {

	private static final List<Request> requests = new CopyOnWriteArrayList<>();

	@BeforeEach
	void requireVirtualThreads() {
		if (!virtualThreads()) {
			String reason = "Virtual threads need Java 21 or later, this JVM is " + Runtime.version()
					+ ": set SESSION_JDK21_HOME to a JDK 21 or later";
			if (Boolean.parseBoolean(System.getenv("CI"))) {
				fail(reason);
			}
			Assumptions.abort(reason);
		}
	}

	@AfterEach
	void everyRequestRanOnAVirtualThread() {
		assertThat(requests).allSatisfy((request) -> assertThat(request.virtual()).as("%s", request).isTrue());
	}

	@AfterAll
	static void streamsResumesAndSendsWereAmongThem() {
		if (!virtualThreads()) {
			return;
		}
		try {
			assertThat(requests).anySatisfy((request) -> {
				assertThat(request.name()).matches("GET /sessions/[^/]+/events");
				assertThat(request.lastEventId()).isTrue();
			}).anySatisfy((request) -> assertThat(request.name()).matches("POST /sessions/[^/]+/messages"));
		}
		finally {
			requests.clear();
		}
	}

	private static boolean virtualThreads() {
		return Runtime.version().feature() >= 21;
	}

	private static boolean isVirtual(Thread thread) {
		try {
			// Thread.isVirtual() is Java 21 API; the tests are compiled for Java 17
			Method isVirtual = Thread.class.getMethod("isVirtual");
			return (boolean) isVirtual.invoke(thread);
		}
		catch (ReflectiveOperationException ex) {
			return false;
		}
	}

	/**
	 * A request as the servlet container handed it to the application.
	 *
	 * @param name the method and path
	 * @param lastEventId whether it carried a {@code Last-Event-ID}
	 * @param virtual whether the thread that served it was virtual
	 * @param thread the thread's name
	 */
	record Request(String name, boolean lastEventId, boolean virtual, String thread) {

	}

	/**
	 * Records the thread that serves each request.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class RequestThreads {

		@Bean
		Filter requestThreads() {
			return new Filter() {

				@Override
				public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
						throws IOException, ServletException {
					HttpServletRequest http = (HttpServletRequest) request;
					Thread thread = Thread.currentThread();
					requests.add(new Request(http.getMethod() + " " + http.getRequestURI(),
							http.getHeader("Last-Event-ID") != null, isVirtual(thread), thread.toString()));
					chain.doFilter(request, response);
				}

			};
		}

	}

}
