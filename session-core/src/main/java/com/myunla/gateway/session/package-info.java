/**
 * Session API: a {@link com.myunla.gateway.session.Store} registers client sessions and
 * hands out {@link com.myunla.gateway.session.Connection}s through which any instance of
 * a gateway sends {@link com.myunla.gateway.session.Message}s to the session's live
 * stream.
 *
 * <p>
 * Every operation is asynchronous and lazy: nothing happens until the returned
 * {@code Mono} or {@code Flux} is subscribed to. Errors are signalled through the
 * returned publisher, never thrown.
 */
@NullMarked
package com.myunla.gateway.session;

import org.jspecify.annotations.NullMarked;
