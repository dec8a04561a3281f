package io.tcbill.cli;

import io.tcbill.TcbillApplication;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Starts the Spring context for a command; the command's own properties win over every other source. */
final class SpringContexts {

    private SpringContexts() {
    }

    static ConfigurableApplicationContext start(Map<String, Object> overrides) {
        // in the environment from the start, so that spring.main.* overrides (the web server of 'schedule') apply too
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("tcbill-command", overrides));
        try {
            return new SpringApplicationBuilder(TcbillApplication.class)
                    .environment(environment)
                    .logStartupInfo(false)
                    .run();
        } catch (RuntimeException e) {
            throw new StartupException(describe(e), e);
        }
    }

    /** The innermost message: Spring wraps the real reason (a bad property, an unreachable database) several times. */
    private static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return "could not start: " + t.getMessage();
    }

    /** The context did not start; the message names the innermost reason. */
    static final class StartupException extends RuntimeException {
        StartupException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
