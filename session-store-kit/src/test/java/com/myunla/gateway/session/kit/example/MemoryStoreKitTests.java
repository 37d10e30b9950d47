package com.myunla.gateway.session.kit.example;

import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.kit.StoreCompatibilityKit;
import com.myunla.gateway.session.kit.StoreSettings;
import com.myunla.gateway.session.memory.MemoryStore;

class MemoryStoreKitTests extends StoreCompatibilityKit {

	@Override
	protected Store createStore(StoreSettings settings) {
		return MemoryStore.builder()
			.retention(settings.retention())
			.retentionBytes(settings.retentionBytes())
			.bufferSize(settings.bufferSize())
			.bufferBytes(settings.bufferBytes())
			.maxMessageSize(settings.maxMessageSize())
			.ttl(settings.ttl())
			.build();
	}

}
