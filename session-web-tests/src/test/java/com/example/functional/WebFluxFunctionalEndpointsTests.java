package com.example.functional;

import org.springframework.test.context.TestPropertySource;

/**
 * The functional endpoints run as a WebFlux application.
 */
@TestPropertySource(properties = "spring.main.web-application-type=reactive")
class WebFluxFunctionalEndpointsTests extends AbstractFunctionalEndpointsTests {

}
