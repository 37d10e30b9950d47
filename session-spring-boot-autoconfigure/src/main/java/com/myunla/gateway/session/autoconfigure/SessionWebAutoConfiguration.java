package com.myunla.gateway.session.autoconfigure;

import com.myunla.gateway.session.Redaction;
import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.web.ClosedConnectionWebFilter;
import com.myunla.gateway.session.web.SessionExceptionHandler;
import com.myunla.gateway.session.web.SessionRequests;
import com.myunla.gateway.session.web.SessionServerSentEvents;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.SearchStrategy;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webflux.error.DefaultErrorAttributes;
import org.springframework.boot.webflux.error.ErrorAttributes;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.result.view.ViewResolver;

/**
 * Auto-configuration of the web support in a WebFlux or a Spring MVC application: the
 * {@link SessionServerSentEvents} mapping of streams to server-sent events, the
 * {@link SessionRequests} that registers sessions from requests (with the configured
 * {@link Redaction}) and the {@link SessionExceptionHandler} that answers the store's
 * errors with problem details (of controllers and functional endpoints alike), configured
 * by {@code session.web.*}; in a WebFlux application also the
 * {@link ClosedConnectionWebFilter}, so that a client closing its connection mid-request
 * is no logged server error, and Spring Boot's error handler as a
 * {@link QueryRedactingErrorWebExceptionHandler}, so that the log line of a {@code 500}
 * does not show the query's secrets.
 *
 * <p>
 * Both work alike in the two stacks, because both take the types of {@code spring-web}: a
 * controller returns {@code Flux<ServerSentEvent<String>>}, which WebFlux writes with its
 * SSE encoder and Spring MVC through its reactive return value support (as an
 * {@code SseEmitter} fed with back-pressure, one event at a time), and
 * {@code @RestControllerAdvice} exception handlers are shared by both.
 */
@AutoConfiguration(after = SessionAutoConfiguration.class,
		beforeName = "org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration")
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

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(Store.class)
	SessionRequests sessionRequests(Store store, ObjectProvider<Redaction> redaction) {
		return new SessionRequests(store, redaction.getIfAvailable(Redaction::defaults));
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

	// Spring Boot's error handler, as Spring Boot makes it, but with a 500's query
	// redacted in the log. Ordered as Spring Boot orders its own.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(name = "org.springframework.boot.webflux.autoconfigure.error.DefaultErrorWebExceptionHandler")
	@EnableConfigurationProperties(WebProperties.class)
	static class ReactiveErrorConfiguration {

		@Bean
		@ConditionalOnMissingBean(value = ErrorWebExceptionHandler.class, search = SearchStrategy.CURRENT)
		@Order(-1)
		ErrorWebExceptionHandler errorWebExceptionHandler(ObjectProvider<ErrorAttributes> errorAttributes,
				WebProperties webProperties, ObjectProvider<ViewResolver> viewResolvers,
				ObjectProvider<ServerCodecConfigurer> codecs, ApplicationContext applicationContext,
				ObjectProvider<Redaction> redaction) {
			// Spring Boot defines the error attributes and codecs after this (its error
			// configuration backs off for this handler); an application without them gets
			// the defaults
			ServerCodecConfigurer codecConfigurer = codecs.getIfAvailable(ServerCodecConfigurer::create);
			QueryRedactingErrorWebExceptionHandler handler = new QueryRedactingErrorWebExceptionHandler(
					errorAttributes.getIfAvailable(DefaultErrorAttributes::new), webProperties.getResources(),
					webProperties.getError(), applicationContext, redaction.getIfAvailable(Redaction::defaults));
			handler.setViewResolvers(viewResolvers.orderedStream().toList());
			handler.setMessageWriters(codecConfigurer.getWriters());
			handler.setMessageReaders(codecConfigurer.getReaders());
			return handler;
		}

	}

}
