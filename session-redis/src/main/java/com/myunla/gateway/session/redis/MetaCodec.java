package com.myunla.gateway.session.redis;

import com.myunla.gateway.session.Meta;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a session's {@link Meta} as JSON and reads it back. Plain JSON of the record's
 * components, with no type information in the document: nothing in Redis can make the
 * reader instantiate another class.
 */
final class MetaCodec {

	private final JsonMapper mapper = JsonMapper.builder().build();

	byte[] write(Meta meta) {
		return this.mapper.writeValueAsBytes(meta);
	}

	Meta read(byte[] json) {
		return this.mapper.readValue(json, Meta.class);
	}

	/**
	 * Reads the Meta of a session whose data must be usable.
	 * @throws IllegalStateException naming the session if the JSON cannot be read
	 */
	Meta read(String id, byte[] json) {
		try {
			return read(json);
		}
		catch (RuntimeException ex) {
			throw SessionScripts.unusable(id, "unreadable metadata", ex);
		}
	}

}
