package io.tcbill.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.springframework.boot.logging.LogFile;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.LoggingSystemFactory;
import org.springframework.boot.logging.logback.LogbackLoggingSystem;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * tcbill's log set-up, in code rather than a logback.xml (reading the XML cost every command about 0.4 s before its
 * first line, a fifth of what {@code status} may take). Logs go to stderr so that a command's own output on stdout stays
 * clean for scripts; {@code io.tcbill} at INFO, everything else at WARN; {@code logging.level.*} apply on top once
 * Spring starts.
 *
 * <p>Text lines carry a feed run's id (feed/month/execution, MDC key {@code runId}) after the logger; a failure tcbill
 * expects is one "cause:" line ({@link ExpectedFailureTrace}). {@code TCBILL_LOG_FORMAT=json} (environment variable or
 * system property) writes one JSON object per line instead, in Spring Boot's structured format named by
 * {@code TCBILL_LOG_JSON} (ecs, the default, logstash or gelf), the run id a field of its own. {@code TCBILL_LOG_JSON} set
 * alone (no {@code TCBILL_LOG_FORMAT}) means JSON too; {@code TCBILL_LOG_FORMAT=text} keeps text whatever
 * {@code TCBILL_LOG_JSON} says.
 *
 * <p>It applies from the first line, before Spring starts, as logback's {@link Configurator} (registered in
 * META-INF/services), and again when Spring Boot sets logging up ({@link SpringLogging}, registered in
 * META-INF/spring.factories); an explicit {@code logging.config} file still wins there.
 */
public final class LogSetup {

    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20}%replace( [%X{runId}]){' \\[\\]', ''}"
            + " - %msg%n%tcbillEx";

    private LogSetup() {
    }

    /** Sets up {@code context} (reset first by the caller when it was set up before). */
    public static void configure(LoggerContext context) {
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("STDERR");
        appender.setTarget("System.err");
        appender.setEncoder(encoder(context));
        appender.start();
        context.getLogger("io.tcbill").setLevel(Level.INFO);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(appender);
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext context) {
        String format = setting(context, "TCBILL_LOG_FORMAT");
        String shape = setting(context, "TCBILL_LOG_JSON");
        if ("json".equals(format) || (format == null && shape != null)) {
            JsonLogEncoder json = new JsonLogEncoder();
            json.setContext(context);
            json.setFormat(shape == null ? "ecs" : shape);
            json.start();
            return json;
        }
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.getInstanceConverterMap().put("tcbillEx", ExpectedFailureTrace::new);
        layout.setPattern(PATTERN);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> text = new LayoutWrappingEncoder<>();
        text.setContext(context);
        text.setLayout(layout);
        text.start();
        return text;
    }

    /** As logback's own property lookup: the logger context's properties, then system properties, then the environment. */
    private static String setting(LoggerContext context, String name) {
        String value = context.getProperty(name);
        if (value == null) {
            value = System.getProperty(name);
        }
        return value != null ? value : System.getenv(name);
    }

    /** Logback's first set-up, before anything else reads a configuration. */
    public static final class FirstLine extends ContextAwareBase implements Configurator {

        @Override
        public ExecutionStatus configure(LoggerContext context) {
            LogSetup.configure(context);
            return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
        }
    }

    /**
     * Spring Boot's logback system with this set-up as its defaults: without it Boot, finding no logback.xml, would set
     * up its own console format on stdout.
     */
    public static final class SpringLogging extends LogbackLoggingSystem {

        public SpringLogging(ClassLoader classLoader) {
            super(classLoader);
        }

        /** No logback.xml or logback-spring.xml is looked for: the defaults below are the configuration. */
        @Override
        protected String[] getStandardConfigLocations() {
            return new String[0];
        }

        @Override
        protected void loadDefaults(LoggingInitializationContext initializationContext, LogFile logFile) {
            LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
            context.stop();
            context.reset();
            if (initializationContext.getEnvironment() != null) {
                // as Boot does for its own configurations: the JSON encoder reads its settings from Spring's environment
                context.putObject(Environment.class.getName(), initializationContext.getEnvironment());
            }
            LogSetup.configure(context);
        }

        /** Chosen before Boot's own logback system, which would otherwise be found first. */
        @Order(Ordered.HIGHEST_PRECEDENCE)
        public static final class Factory implements LoggingSystemFactory {

            @Override
            public LoggingSystem getLoggingSystem(ClassLoader classLoader) {
                return new SpringLogging(classLoader);
            }
        }
    }
}
