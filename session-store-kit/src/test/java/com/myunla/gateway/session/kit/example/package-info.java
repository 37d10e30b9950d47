/**
 * The example in docs/testing.md of a store running the contract kit from a package of
 * its own, as a store of another project does.
 */
@NullMarked
package com.myunla.gateway.session.kit.example;

import org.jspecify.annotations.NullMarked;
