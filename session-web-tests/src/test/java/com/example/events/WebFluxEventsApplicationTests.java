package com.example.events;

import org.springframework.test.context.TestPropertySource;

/**
 * The application run as a WebFlux application.
 */
@TestPropertySource(properties = "spring.main.web-application-type=reactive")
class WebFluxEventsApplicationTests extends AbstractEventsApplicationTests {

}
