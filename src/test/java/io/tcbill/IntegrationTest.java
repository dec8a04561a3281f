package io.tcbill;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Puts a test class in the integration tier (Maven failsafe) instead of the unit tier (surefire). A class belongs here
 * when it opens a socket (the simulator, the embedded S3 store, an HTTP test server, an H2 server), starts a child
 * JVM or a Spring context, or needs a database server; everything else stays in the unit tier, which must run in
 * under a minute. {@link TestTiersTest} fails a class that does one of these without this annotation.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Tag(IntegrationTest.TAG)
public @interface IntegrationTest {

    /** The JUnit tag the pom's surefire excludes and failsafe selects. */
    String TAG = "integration";
}
