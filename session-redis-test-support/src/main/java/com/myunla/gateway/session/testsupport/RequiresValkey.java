package com.myunla.gateway.session.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that starts Valkey processes: where {@code valkey-server} or
 * {@code valkey-cli} is not found (in {@code $SESSION_VALKEY_HOME}, on the {@code PATH},
 * in {@code /usr/bin} or {@code /usr/local/bin}), the class is disabled with a reason,
 * unless Redis tests are required ({@code CI=true} or
 * {@code -Dsession.redis.required=true}), in which case it fails saying how to provide
 * Valkey.
 *
 * @see ServerKind#VALKEY
 * @see RedisBinaries#required()
 */
@Target({ ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RequiresValkeyCondition.class)
public @interface RequiresValkey {

}
