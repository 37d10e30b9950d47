package com.example.functional;

import com.myunla.gateway.session.Store;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The functional endpoints of a WebFlux application.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.REACTIVE)
class ReactiveRoutes {

	@Bean
	RouterFunction<ServerResponse> routes(Store store) {
		return RouterFunctions.route()
			.POST("/fn/register/{id}",
					(request) -> FunctionalApplication.register(store, request.pathVariable("id"))
						.then(ServerResponse.noContent().build()))
			.POST("/fn/send/{id}",
					(request) -> FunctionalApplication
						.send(store, request.pathVariable("id"), request.queryParam("event").orElse(""))
						.then(ServerResponse.accepted().build()))
			.POST("/fn/unavailable", (request) -> FunctionalApplication.unavailable().then(ServerResponse.ok().build()))
			.POST("/fn/own-bad-input", (request) -> Mono.error(new IllegalArgumentException("own bad input")))
			.build();
	}

}
