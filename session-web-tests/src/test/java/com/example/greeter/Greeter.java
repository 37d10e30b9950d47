package com.example.greeter;

import java.nio.charset.StandardCharsets;

import com.myunla.gateway.session.Message;
import com.myunla.gateway.session.Meta;
import com.myunla.gateway.session.RequestInfo;
import com.myunla.gateway.session.Store;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

@Service
public class Greeter {

	private final Store store;

	public Greeter(Store store) {
		this.store = store;
	}

	public Mono<Void> greet() {
		Meta meta = Meta.of("session_001", "/api/v1", "sse", RequestInfo.empty());
		return this.store.register(meta)
			.flatMap((connection) -> connection
				.send(new Message("data", "Hello World!".getBytes(StandardCharsets.UTF_8))))
			.then(this.store.get("session_001"))
			.flatMap((connection) -> connection.send(Message.of("Hello again")))
			.then(this.store.unregister("session_001"));
	}

}
