package com.example.functional;

import com.myunla.gateway.session.Store;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The functional endpoints of a Spring MVC application, one of them asynchronous.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.SERVLET)
class ServletRoutes {

	@Bean
	RouterFunction<ServerResponse> routes(Store store) {
		return RouterFunctions.route().POST("/fn/register/{id}", (request) -> {
			FunctionalApplication.register(store, request.pathVariable("id")).block();
			return ServerResponse.noContent().build();
		})
			.POST("/fn/send/{id}",
					(request) -> ServerResponse.async(FunctionalApplication
						.send(store, request.pathVariable("id"), request.param("event").orElse(""))
						.then(Mono.fromSupplier(() -> ServerResponse.accepted().build()))))
			.POST("/fn/unavailable", (request) -> {
				FunctionalApplication.unavailable().block();
				return ServerResponse.ok().build();
			})
			.POST("/fn/own-bad-input", (request) -> {
				throw new IllegalArgumentException("own bad input");
			})
			.build();
	}

}
