/**
 * For those who implement a {@link com.myunla.gateway.session.Store} of their own:
 * {@link com.myunla.gateway.session.spi.StoreCounters}, the counters a store keeps and
 * returns as its {@link com.myunla.gateway.session.StoreStatistics}. Applications that
 * use a store never need this package.
 */
@NullMarked
package com.myunla.gateway.session.spi;

import org.jspecify.annotations.NullMarked;
