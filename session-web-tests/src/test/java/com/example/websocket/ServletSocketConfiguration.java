package com.example.websocket;

import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.web.WebMvcSessionWebSockets;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * Streams sessions over WebSocket at {@code /sessions/socket} in a Spring MVC
 * application; each text frame a client sends goes back to its session as an {@code echo}
 * message.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
public class ServletSocketConfiguration implements WebSocketConfigurer {

	private final WebMvcSessionWebSockets sockets;

	public ServletSocketConfiguration(WebMvcSessionWebSockets sockets) {
		this.sockets = sockets;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(this.sockets.handler((connection, text) -> connection.send(Message.of("echo", text))),
				"/sessions/socket");
	}

}
