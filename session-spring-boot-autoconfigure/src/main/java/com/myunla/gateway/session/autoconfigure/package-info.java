/**
 * Spring Boot auto-configuration of the session store: {@code session.type} picks the
 * in-memory or the Redis store, configured by {@code session.*}.
 */
@NullMarked
package com.myunla.gateway.session.autoconfigure;

import org.jspecify.annotations.NullMarked;
