package com.myunla.gateway.session.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.lettuce.core.ScriptOutputType;

/**
 * One of the store's Lua scripts, read from the classpath once, with its SHA-1 for
 * {@code EVALSHA}, and whether running it twice has the same effect as once (so that it
 * may be retried when its outcome is unknown).
 */
record LuaScript(String name, byte[] body, String sha, ScriptOutputType output, boolean idempotent) {

	static LuaScript load(String name, ScriptOutputType output, boolean idempotent) {
		String path = "com/myunla/gateway/session/redis/" + name + ".lua";
		try (InputStream in = LuaScript.class.getClassLoader().getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalStateException("Missing script " + path);
			}
			byte[] body = in.readAllBytes();
			String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(body));
			return new LuaScript(name, body, sha, output, idempotent);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read script " + path, ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is not available", ex);
		}
	}

}
