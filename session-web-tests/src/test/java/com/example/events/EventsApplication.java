package com.example.events;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A fresh application on the starter alone: one controller of a few lines, no error
 * handling of its own. The tests run it as a WebFlux and as a Spring MVC application.
 */
@SpringBootApplication
public class EventsApplication {

}
