package io.tcbill.cli;

import io.tcbill.TcbillApplication;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.MapPropertySource;

/** Starts the Spring context for a command; the command's own properties win over every other source. */
final class SpringContexts {

    private SpringContexts() {
    }

    static ConfigurableApplicationContext start(Map<String, Object> overrides) {
        try {
            return new SpringApplicationBuilder(TcbillApplication.class)
                    .listeners(new CommandProperties(overrides))
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

    /**
     * Puts the command's properties first as soon as the environment exists: before logging is set up (so that
     * {@code logging.level.*} overrides apply), before {@code spring.main.*} is bound (the web server of 'schedule')
     * and before any bean binds its properties.
     */
    private record CommandProperties(Map<String, Object> overrides)
            implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            event.getEnvironment().getPropertySources().addFirst(new MapPropertySource("tcbill-command", overrides));
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    /** The context did not start; the message names the innermost reason. */
    static final class StartupException extends RuntimeException {
        StartupException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
