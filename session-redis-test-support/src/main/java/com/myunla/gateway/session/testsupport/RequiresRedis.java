package com.myunla.gateway.session.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that starts Redis processes: where {@code redis-server} is not
 * installed, the class is disabled with a reason, unless Redis tests are required
 * ({@code CI=true} or {@code -Dsession.redis.required=true}), in which case it fails.
 *
 * @see RedisBinaries#required()
 */
@Target({ ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RequiresRedisCondition.class)
public @interface RequiresRedis {

}
