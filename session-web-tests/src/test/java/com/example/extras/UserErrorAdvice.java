package com.example.extras;

import com.myunla.gateway.session.SessionNotFoundException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * An application's own answer to an unknown session, which must take precedence over the
 * web support's. Not component-scanned: the tests that need it add it.
 */
@RestControllerAdvice
public class UserErrorAdvice {

	@ExceptionHandler
	public ResponseEntity<String> sessionNotFound(SessionNotFoundException ex) {
		return ResponseEntity.status(HttpStatus.GONE)
			.contentType(MediaType.TEXT_PLAIN)
			.body("gone: " + ex.getSessionId());
	}

}
