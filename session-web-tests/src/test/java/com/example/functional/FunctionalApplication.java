package com.example.functional;

import java.io.IOException;

import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.RequestInfo;
import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.StoreUnavailableException;
import com.myunla.gateway.session.web.ReactiveSessionErrorFilter;
import com.myunla.gateway.session.web.ServletSessionErrorFilter;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Functional endpoints that make the store signal each error the web support answers,
 * plus one of the application's own, in a WebFlux and in a Spring MVC application.
 */
@SpringBootApplication
public class FunctionalApplication {

	static Mono<Void> register(Store store, String id) {
		return store.register(Meta.of(id, "", "sse", RequestInfo.empty())).then();
	}

	static Mono<Void> send(Store store, String id, String event) {
		return Mono.defer(() -> store.send(id, Message.of(event, "data")));
	}

	static Mono<Void> unavailable() {
		return Mono.error(new StoreUnavailableException("Redis did not answer within 5s (single mode, 10.0.0.7:6379)",
				new IOException("Connection reset")));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class ReactiveRoutes {

		@Bean
		org.springframework.web.reactive.function.server.RouterFunction<org.springframework.web.reactive.function.server.ServerResponse> routes(
				Store store, ReactiveSessionErrorFilter sessionErrors) {
			return org.springframework.web.reactive.function.server.RouterFunctions.route()
				.POST("/fn/register/{id}",
						(request) -> register(store, request.pathVariable("id"))
							.then(org.springframework.web.reactive.function.server.ServerResponse.noContent().build()))
				.POST("/fn/send/{id}",
						(request) -> send(store, request.pathVariable("id"), request.queryParam("event").orElse(""))
							.then(org.springframework.web.reactive.function.server.ServerResponse.accepted().build()))
				.POST("/fn/unavailable",
						(request) -> unavailable()
							.then(org.springframework.web.reactive.function.server.ServerResponse.ok().build()))
				.POST("/fn/own-bad-input", (request) -> Mono.error(new IllegalArgumentException("own bad input")))
				.filter(sessionErrors)
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class ServletRoutes {

		@Bean
		org.springframework.web.servlet.function.RouterFunction<org.springframework.web.servlet.function.ServerResponse> routes(
				Store store, ServletSessionErrorFilter sessionErrors) {
			return org.springframework.web.servlet.function.RouterFunctions.route()
				.POST("/fn/register/{id}", (request) -> {
					register(store, request.pathVariable("id")).block();
					return org.springframework.web.servlet.function.ServerResponse.noContent().build();
				})
				.POST("/fn/send/{id}",
						(request) -> org.springframework.web.servlet.function.ServerResponse.async(send(store,
								request.pathVariable("id"), request.param("event").orElse(""))
							.then(Mono.fromSupplier(
									() -> org.springframework.web.servlet.function.ServerResponse.accepted().build()))))
				.POST("/fn/unavailable", (request) -> {
					unavailable().block();
					return org.springframework.web.servlet.function.ServerResponse.ok().build();
				})
				.POST("/fn/own-bad-input", (request) -> {
					throw new IllegalArgumentException("own bad input");
				})
				.filter(sessionErrors)
				.build();
		}

	}

}
