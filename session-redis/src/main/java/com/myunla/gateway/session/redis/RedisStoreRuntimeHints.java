package com.myunla.gateway.session.redis;

import com.myunla.gateway.session.Meta;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What the Redis store reads at runtime that an ahead-of-time build cannot see in its
 * code: its Lua scripts, classpath resources read by name, and the session metadata that
 * it turns into JSON and back by reflection. Registered in
 * {@code META-INF/spring/aot.factories}.
 */
class RedisStoreRuntimeHints implements RuntimeHintsRegistrar {

	/** Where {@link LuaScript} reads the scripts from. */
	static final String SCRIPTS = "com/myunla/gateway/session/redis/*.lua";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources().registerPattern(SCRIPTS);
		new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(), Meta.class);
	}

}
