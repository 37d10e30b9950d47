package com.myunla.gateway.session;

/**
 * A {@link Store} that reports on itself for monitoring: which kind of store it is and
 * the {@link StoreStatistics} it keeps on this instance. Monitoring (such as the Spring
 * Boot auto-configuration's meters) relies on this interface only, so that a store of any
 * kind that implements it is measured like the built-in ones.
 *
 * @since 0.1.0
 */
public interface InstrumentedStore extends Store {

	/**
	 * Returns the kind of store, a short lower-case name such as {@code "memory"} or
	 * {@code "redis"}; metrics carry it as their {@code store} tag.
	 * @return the kind of store, never empty
	 * @since 0.1.0
	 */
	String kind();

	/**
	 * Returns the store's counters on this instance. The store's own javadoc says which
	 * counters it fills; the others stay at zero.
	 * @return the counters, the same object on every call
	 * @since 0.1.0
	 */
	StoreStatistics statistics();

}
