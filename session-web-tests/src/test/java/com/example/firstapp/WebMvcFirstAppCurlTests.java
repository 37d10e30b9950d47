package com.example.firstapp;

import org.springframework.test.context.TestPropertySource;

/**
 * The README's first app run as a Spring MVC application.
 */
@TestPropertySource(properties = "spring.main.web-application-type=servlet")
class WebMvcFirstAppCurlTests extends AbstractFirstAppCurlTests {

}
