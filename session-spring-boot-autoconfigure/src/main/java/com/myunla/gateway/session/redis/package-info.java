/**
 * The Redis store: sessions shared by a fleet of gateway instances through Redis (single
 * server, Redis Cluster or Sentinel). See
 * {@link com.myunla.gateway.session.redis.RedisStore} for the key layout and the message
 * flow.
 */
@NullMarked
package com.myunla.gateway.session.redis;

import org.jspecify.annotations.NullMarked;
