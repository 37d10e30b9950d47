package com.myunla.gateway.session.autoconfigure;

import com.myunla.gateway.session.web.ClosedConnectionWebFilter;
import com.myunla.gateway.session.web.SessionExceptionHandler;
import com.myunla.gateway.session.web.SessionServerSentEvents;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.ServerSentEvent;

/**
 * Auto-configuration of the web support in a WebFlux or a Spring MVC application: the
 * {@link SessionServerSentEvents} mapping of streams to server-sent events and the
 * {@link SessionExceptionHandler} that answers the store's errors with problem details,
 * configured by {@code session.web.*}; in a WebFlux application also the
 * {@link ClosedConnectionWebFilter}, so that a client closing its connection mid-request
 * is no logged server error.
 *
 * <p>
 * Both work alike in the two stacks, because both take the types of {@code spring-web}: a
 * controller returns {@code Flux<ServerSentEvent<String>>}, which WebFlux writes with its
 * SSE encoder and Spring MVC through its reactive return value support (as an
 * {@code SseEmitter} fed with back-pressure, one event at a time), and
 * {@code @RestControllerAdvice} exception handlers are shared by both.
 */
@AutoConfiguration(after = SessionAutoConfiguration.class)
@ConditionalOnClass({ ServerSentEvent.class, ProblemDetail.class })
@ConditionalOnWebApplication
public final class SessionWebAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SessionServerSentEvents sessionServerSentEvents(SessionProperties properties) {
		return new SessionServerSentEvents(properties.getWeb().getKeepAlive());
	}

	@Bean
	@ConditionalOnMissingBean
	SessionExceptionHandler sessionExceptionHandler(SessionProperties properties) {
		return new SessionExceptionHandler(properties.getWeb().getRetryAfter());
	}

	// Spring MVC answers nothing and logs no server error for such a request, so only
	// WebFlux needs this
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class ReactiveConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ClosedConnectionWebFilter sessionClosedConnectionWebFilter() {
			return new ClosedConnectionWebFilter();
		}

	}

}
