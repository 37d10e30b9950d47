package com.myunla.gateway.session.benchmarks;

import java.util.LinkedHashMap;

import com.myunla.gateway.session.RequestInfo;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveRedisTemplate;
import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializationContext;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.data.redis.ReactiveRedisSessionRepository;

/**
 * The baseline of the {@code lifecycle} and {@code redis_memory} scenarios: Spring
 * Session's {@link ReactiveRedisSessionRepository} on its own Lettuce connection factory,
 * serialized as {@code @EnableRedisWebSession} does by default (string keys and hash
 * keys, JDK serialization of the values). A session holds the same data as our store's
 * {@code Meta}: route prefix, stream type, and the request's headers, query parameters
 * and cookies as attributes.
 */
final class SpringSessionBaseline implements AutoCloseable {

	private final LettuceConnectionFactory connectionFactory;

	private final ReactiveSessionRepository<?> repository;

	SpringSessionBaseline(String host, int port) {
		this.connectionFactory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(host, port));
		this.connectionFactory.afterPropertiesSet();
		this.connectionFactory.start();
		RedisSerializer<Object> values = new JdkSerializationRedisSerializer();
		RedisSerializationContext<String, Object> serialization = RedisSerializationContext
			.<String, Object>newSerializationContext(values)
			.key(RedisSerializer.string())
			.hashKey(RedisSerializer.string())
			.build();
		this.repository = new ReactiveRedisSessionRepository(
				new ReactiveRedisTemplate<>(this.connectionFactory, serialization));
	}

	/**
	 * Creates and saves a session holding the request's data.
	 * @param request the request
	 * @return the new session's id
	 */
	Mono<String> create(RequestInfo request) {
		return create(this.repository, request);
	}

	/**
	 * The lifecycle of one session: create and save it, find it by id, delete it.
	 * @param request the request
	 * @return completes when the session was deleted
	 */
	Mono<Void> lifecycle(RequestInfo request) {
		return create(request).flatMap((id) -> this.repository.findById(id)
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("Session " + id + " not found")))
			.then(this.repository.deleteById(id)));
	}

	@Override
	public void close() {
		this.connectionFactory.destroy();
	}

	private static <S extends Session> Mono<String> create(ReactiveSessionRepository<S> repository,
			RequestInfo request) {
		return repository.createSession().flatMap((session) -> {
			session.setAttribute("prefix", Fixtures.PREFIX);
			session.setAttribute("type", Fixtures.TYPE);
			session.setAttribute("headers", new LinkedHashMap<>(request.headers()));
			session.setAttribute("queries", new LinkedHashMap<>(request.queries()));
			session.setAttribute("cookies", new LinkedHashMap<>(request.cookies()));
			return repository.save(session).thenReturn(session.getId());
		});
	}

}
