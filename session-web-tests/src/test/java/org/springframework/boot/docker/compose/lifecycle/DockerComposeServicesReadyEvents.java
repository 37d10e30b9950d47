package org.springframework.boot.docker.compose.lifecycle;

import java.util.List;

import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.context.ApplicationContext;

/**
 * Creates the event that Spring Boot's Docker Compose support publishes once the services
 * of a compose file run, whose constructor is not public.
 */
public final class DockerComposeServicesReadyEvents {

	private DockerComposeServicesReadyEvents() {
	}

	/**
	 * Returns the event for the given services.
	 * @param context the application context being prepared
	 * @param services the running services
	 * @return the event
	 */
	public static DockerComposeServicesReadyEvent of(ApplicationContext context, List<RunningService> services) {
		return new DockerComposeServicesReadyEvent(context, services);
	}

}
