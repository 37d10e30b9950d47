package com.example.connection;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application with the starter and no web endpoints of its own, whose tests connect
 * the Redis store through a service connection.
 */
@SpringBootApplication
public class StoreApplication {

}
