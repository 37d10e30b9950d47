package com.example.events;

import org.springframework.test.context.TestPropertySource;

/**
 * The application run as a Spring MVC application.
 */
@TestPropertySource(properties = "spring.main.web-application-type=servlet")
class WebMvcEventsApplicationTests extends AbstractEventsApplicationTests {

}
