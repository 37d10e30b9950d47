/**
 * The contract kit: abstract JUnit Jupiter tests that hold a
 * {@link com.myunla.gateway.session.Store} implementation to the promises of the
 * {@code Store} and {@code Connection} API, one class per area of the contract. A store's
 * own test class extends a kit class and implements its factory method; every built-in
 * store runs every kit.
 *
 * @see com.myunla.gateway.session.kit.StoreKit
 */
@NullMarked
package com.myunla.gateway.session.kit;

import org.jspecify.annotations.NullMarked;
