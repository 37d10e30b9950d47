package com.myunla.gateway.sample;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that drives the demo page in a real browser through
 * {@link DemoPage}: where Node.js, Chromium or the Node packages of
 * {@value DemoPage#SCRIPT_DIRECTORY} are missing, the class is disabled with a reason,
 * unless it runs under {@code CI=true} (or {@code -Dsession.browser.required=true}), in
 * which case it fails.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(RequiresBrowserCondition.class)
@interface RequiresBrowser {

}
