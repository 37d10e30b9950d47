package com.example.firstapp;

import org.springframework.test.context.TestPropertySource;

/**
 * The README's first app run as a WebFlux application.
 */
@TestPropertySource(properties = "spring.main.web-application-type=reactive")
class WebFluxFirstAppCurlTests extends AbstractFirstAppCurlTests {

}
