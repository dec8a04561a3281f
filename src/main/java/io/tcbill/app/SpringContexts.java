package io.tcbill.app;

import io.tcbill.TcbillApplication;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

/** Starts the Spring context for a command; the command's own properties win over every other source. */
public final class SpringContexts {

    private SpringContexts() {
    }

    public static ConfigurableApplicationContext start(Map<String, Object> overrides) {
        return start(TcbillApplication.class, overrides);
    }

    /**
     * Starts a context of {@code source} alone (no auto-configuration unless it asks for it) over the same property
     * sources as the whole application: application.properties, the environment, the secrets directory and
     * {@code overrides} first.
     */
    public static ConfigurableApplicationContext start(Class<?> source, Map<String, Object> overrides) {
        CommandProperties properties = new CommandProperties(overrides, new AtomicReference<>());
        try {
            return new SpringApplicationBuilder(source)
                    .listeners(properties)
                    .logStartupInfo(false)
                    .run();
        } catch (RuntimeException e) {
            Environment environment = properties.environment().get();
            String url = environment == null ? null : environment.getProperty("spring.datasource.url");
            String metadata = MetadataUnavailable.describe(e, url);
            if (metadata != null) {
                throw new StartupException(metadata, StartupException.Kind.METADATA_UNAVAILABLE, e);
            }
            throw new StartupException(describe(e), StartupException.Kind.CONFIGURATION, e);
        }
    }

    /**
     * The innermost message: Spring wraps the real reason (a bad property, an unreachable database) several times. A
     * value that is not one of a setting's choices ({@code tcbill.api.role}, {@code tcbill.job.reseller-bills}) names
     * the setting, the value and the choices, which the innermost message ("No enum constant ...") does not.
     */
    static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            if (t instanceof BindException bind && bind.getCause() instanceof ConversionFailedException conversion) {
                Class<?> type = conversion.getTargetType().getType();
                if (type.isEnum()) {
                    return "could not start: " + bind.getName() + " is '" + conversion.getValue() + "'; use one of "
                            + choices(type);
                }
                // any other value that does not convert: the setting and the type it needs, not only "For input string"
                if (secret(String.valueOf(bind.getName()))) {
                    return "could not start: " + bind.getName() + " is not a valid " + type.getSimpleName();
                }
                return "could not start: " + bind.getName() + " is '" + conversion.getValue() + "', which is not a valid "
                        + type.getSimpleName() + " (" + innermost(conversion).getMessage() + ")";
            }
            t = t.getCause();
        }
        return "could not start: " + t.getMessage();
    }

    private static Throwable innermost(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** A setting whose value is never repeated in a message, nor the converter's message that may hold it. */
    private static boolean secret(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("secret") || lower.contains("password") || lower.contains("key") || lower.contains("token");
    }

    private static String choices(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
    }

    /**
     * Puts the command's properties first as soon as the environment exists: before logging is set up (so that
     * {@code logging.level.*} overrides apply), before {@code spring.main.*} is bound (the web server of 'schedule')
     * and before any bean binds its properties.
     */
    private record CommandProperties(Map<String, Object> overrides, AtomicReference<Environment> environment)
            implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            event.getEnvironment().getPropertySources().addFirst(new MapPropertySource("tcbill-command", overrides));
            // a start-up failure is one line from the command (its exit code says which kind); Spring Boot would log
            // it again with the whole stack trace. Lowest precedence, so that a setting of these loggers (README:
            // LOGGING_LEVEL_ORG_SPRINGFRAMEWORK_BOOT_SPRINGAPPLICATION=ERROR) shows it again
            event.getEnvironment().getPropertySources().addLast(new MapPropertySource("tcbill-startup-failure", Map.of(
                    "logging.level.org.springframework.boot.SpringApplication", "OFF",
                    "logging.level.org.springframework.boot.diagnostics", "OFF",
                    // "Exception encountered during context initialization": the same failure, as a WARN
                    "logging.level.org.springframework.context.annotation.AnnotationConfigApplicationContext", "ERROR",
                    "logging.level.org.springframework.boot.web.server.servlet.context"
                            + ".AnnotationConfigServletWebServerApplicationContext", "ERROR")));
            environment.set(event.getEnvironment());
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    /** The context did not start; the message names the innermost reason, the kind says which it is. */
    public static final class StartupException extends RuntimeException {

        /** What kept the context from starting; each kind has its own exit code. */
        public enum Kind {
            /** The configuration is wrong or a required service could not be reached. */
            CONFIGURATION,
            /** The metadata database could not be reached or is held by a process that does not share it. */
            METADATA_UNAVAILABLE
        }

        private final Kind kind;

        StartupException(String message, Kind kind, Throwable cause) {
            super(message, cause);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }
}
