/**
 * A small WebFlux gateway built on the session starter: clients open a server-sent event
 * stream, and any caller that knows the session id can post messages to it.
 */
@NullMarked
package com.myunla.gateway.sample;

import org.jspecify.annotations.NullMarked;
