package com.myunla.gateway.session.autoconfigure;

import com.myunla.gateway.session.Store;
import io.micrometer.core.instrument.Tag;

/**
 * Provides the tags of the session store's meters. Define a bean of this type to replace
 * the defaults of {@link DefaultSessionMetricsTagsProvider} (for example to add tags of
 * your own to them).
 */
@FunctionalInterface
public interface SessionMetricsTagsProvider {

	/**
	 * Returns the tags of every meter of the store.
	 * @param store the measured store
	 * @return the tags
	 */
	Iterable<Tag> tags(Store store);

}
