package io.tcbill.run;

import java.lang.reflect.Field;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps H2 from closing the metadata database in its own JVM shutdown hook. The default URL shares the H2 file
 * between processes ({@code AUTO_SERVER=TRUE}), which H2 accepts only with its close-on-exit hook; that hook runs
 * alongside Spring's, so on SIGTERM the database closed while the run was still recording STOPPED and releasing its
 * lock ("Database is already closed"). Without the hook the database closes with the connection pool, the last thing
 * the Spring context closes (a process killed outright loses nothing either: every commit is on disk, WRITE_DELAY=0).
 * H2 offers no setting for this with AUTO_SERVER, so this reaches its hook by reflection; if a later H2 moves it, the
 * hook stays and a warning says so.
 */
final class H2ShutdownHook {

    private static final Logger log = LoggerFactory.getLogger(H2ShutdownHook.class);
    private static final String CLOSER = "org.h2.engine.OnExitDatabaseCloser";

    private H2ShutdownHook() {
    }

    /** Removes H2's hook if it is registered, and keeps H2 from registering it later in this JVM. */
    static void leaveClosingToSpring() {
        try {
            Class<?> closer = Class.forName(CLOSER, true, H2ShutdownHook.class.getClassLoader());
            Field instance = closer.getDeclaredField("INSTANCE");
            Field registered = closer.getDeclaredField("registered");
            instance.setAccessible(true);
            registered.setAccessible(true);
            synchronized (closer) { // H2's register and unregister are static synchronized
                if (registered.getBoolean(null)) {
                    Runtime.getRuntime().removeShutdownHook((Thread) instance.get(null));
                }
                registered.setBoolean(null, true); // H2 adds its hook only when it believes none is registered
            }
        } catch (ClassNotFoundException e) {
            // no H2 on the class path: nothing to do
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("H2 may close the metadata database before a stopped run has recorded it ({}: {})",
                    e.getClass().getSimpleName(), e.getMessage());
        }
    }
}
