/**
 * The contract kit: abstract JUnit Jupiter tests that hold a
 * {@link com.myunla.gateway.session.Store} implementation to the promises of the
 * {@code Store} and {@code Connection} API, one class per area of the contract, and
 * {@link com.myunla.gateway.session.kit.StoreCompatibilityKit}, which runs every area. A
 * store's own test class extends it and implements its factory method; every built-in
 * store runs every area.
 *
 * @see com.myunla.gateway.session.kit.StoreCompatibilityKit
 */
@NullMarked
package com.myunla.gateway.session.kit;

import org.jspecify.annotations.NullMarked;
