package com.myunla.gateway.session.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.lettuce.core.ScriptOutputType;

/**
 * One of the store's Lua scripts, read from the classpath once, with its SHA-1 for {@code EVALSHA}.
 */
record LuaScript(String name, byte[] body, String sha, ScriptOutputType output) {

	static LuaScript load(String name, ScriptOutputType output) {
		String path = "com/myunla/gateway/session/redis/" + name + ".lua";
		try (InputStream in = LuaScript.class.getClassLoader().getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalStateException("Missing script " + path);
			}
			byte[] body = in.readAllBytes();
			return new LuaScript(name, body, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(body)),
					output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read script " + path, ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is not available", ex);
		}
	}

}
