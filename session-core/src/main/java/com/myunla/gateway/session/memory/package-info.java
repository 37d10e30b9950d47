/**
 * In-memory session store for a single gateway instance:
 * {@link com.myunla.gateway.session.memory.MemoryStore}.
 */
@NullMarked
package com.myunla.gateway.session.memory;

import org.jspecify.annotations.NullMarked;
