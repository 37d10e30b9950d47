/**
 * Web support for WebFlux and Spring MVC:
 * {@link com.myunla.gateway.session.web.SessionServerSentEvents} turns a session's stream
 * into server-sent events, and
 * {@link com.myunla.gateway.session.web.SessionExceptionHandler} answers the store's
 * errors with RFC 9457 problem details;
 * {@link com.myunla.gateway.session.web.WebFluxSessionWebSockets} and
 * {@link com.myunla.gateway.session.web.WebMvcSessionWebSockets} stream sessions over
 * WebSocket.
 */
@NullMarked
package com.myunla.gateway.session.web;

import org.jspecify.annotations.NullMarked;
