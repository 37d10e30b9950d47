package com.example.functional;

import org.springframework.test.context.TestPropertySource;

/**
 * The functional endpoints run as a Spring MVC application.
 */
@TestPropertySource(properties = "spring.main.web-application-type=servlet")
class WebMvcFunctionalEndpointsTests extends AbstractFunctionalEndpointsTests {

}
