package com.example.websocket;

import com.example.events.EventsController;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The application of the WebSocket tests: the events controller of
 * {@code com.example.events}, to send messages over HTTP, and the WebSocket configuration
 * of the stack it runs as ({@link ReactiveSocketConfiguration} or
 * {@link ServletSocketConfiguration}), which the tests add.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(EventsController.class)
public class WebSocketApplication {

}
