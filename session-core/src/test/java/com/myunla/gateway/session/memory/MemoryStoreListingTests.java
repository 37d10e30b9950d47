package com.myunla.gateway.session.memory;

import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.StoreListingTests;

/**
 * The paged listing of a {@link MemoryStore}.
 */
class MemoryStoreListingTests extends StoreListingTests {

	@Override
	protected Store createStore() {
		return MemoryStore.builder().build();
	}

}
