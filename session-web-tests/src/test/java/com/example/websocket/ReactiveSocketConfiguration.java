package com.example.websocket;

import java.util.Map;

import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.web.WebFluxSessionWebSockets;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;

/**
 * Streams sessions over WebSocket at {@code /sessions/socket} in a WebFlux application;
 * each text frame a client sends goes back to its session as an {@code echo} message.
 */
@Configuration(proxyBeanMethods = false)
public class ReactiveSocketConfiguration {

	@Bean
	public HandlerMapping sessionSocketMapping(WebFluxSessionWebSockets sockets) {
		WebSocketHandler handler = sockets.handler((connection, text) -> connection.send(Message.of("echo", text)));
		return new SimpleUrlHandlerMapping(Map.of("/sessions/socket", handler), -1);
	}

}
