package com.myunla.gateway.session.autoconfigure;

import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.web.WebFluxSessionWebSockets;
import com.myunla.gateway.session.web.WebMvcSessionWebSockets;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the WebSocket adapters: a {@link WebFluxSessionWebSockets} in a
 * WebFlux application, a {@link WebMvcSessionWebSockets} in a Spring MVC application with
 * {@code spring-websocket}, both sending pings every {@code session.web.keep-alive}. The
 * application maps the handler it makes of them to a path itself.
 */
@AutoConfiguration(after = SessionAutoConfiguration.class)
@ConditionalOnBean(Store.class)
public final class SessionWebSocketAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(name = "org.springframework.web.reactive.socket.WebSocketHandler")
	static class ReactiveConfiguration {

		@Bean
		@ConditionalOnMissingBean
		WebFluxSessionWebSockets webFluxSessionWebSockets(Store store, SessionProperties properties) {
			return new WebFluxSessionWebSockets(store, properties.getWeb().getKeepAlive());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(name = "org.springframework.web.socket.WebSocketHandler")
	static class ServletConfiguration {

		@Bean
		@ConditionalOnMissingBean
		WebMvcSessionWebSockets webMvcSessionWebSockets(Store store, SessionProperties properties) {
			return new WebMvcSessionWebSockets(store, properties.getWeb().getKeepAlive());
		}

	}

}
