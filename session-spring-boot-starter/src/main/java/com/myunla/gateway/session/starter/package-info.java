/**
 * Starter for live client sessions: adding this artifact brings the session API, the
 * in-memory and Redis stores and their auto-configuration. The classes live in
 * {@code session-core}, {@code session-redis} and
 * {@code session-spring-boot-autoconfigure}; this package exists so that the starter has
 * documentation of its own.
 */
@NullMarked
package com.myunla.gateway.session.starter;

import org.jspecify.annotations.NullMarked;
