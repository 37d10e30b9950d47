package com.myunla.gateway.session.kit.example;

import com.myunla.gateway.session.Store;
import com.myunla.gateway.session.kit.StoreSendKit;
import com.myunla.gateway.session.kit.StoreSettings;
import com.myunla.gateway.session.memory.MemoryStore;

class MemoryStoreSendKitTests extends StoreSendKit {

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
