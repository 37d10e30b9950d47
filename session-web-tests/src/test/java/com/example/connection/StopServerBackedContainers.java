package com.example.connection;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

/**
 * Stops the {@link ServerBackedContainer} service connections of a test class after all
 * its tests; registered before the Spring extension, it runs after the Spring extension
 * closed the application that uses them.
 */
class StopServerBackedContainers implements AfterAllCallback {

	@Override
	public void afterAll(ExtensionContext context) {
		AnnotationSupport
			.findAnnotatedFieldValues(context.getRequiredTestClass(), ServiceConnection.class,
					ServerBackedContainer.class)
			.forEach(ServerBackedContainer::stop);
	}

}
