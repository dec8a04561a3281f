package io.tcbill.app;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;

/**
 * Spring Boot's structured (JSON) log encoder, usable from the first log line. Logback is set up ({@link LogSetup}) before
 * Spring starts, when the logger context holds no Spring environment, which Boot's encoder needs; this one builds
 * Boot's encoder at the first event (after logback is configured, so Spring's own start-up logging is not caught
 * half-way), over the system properties and environment variables until Spring's environment takes over. Selected by
 * {@code TCBILL_LOG_FORMAT=json}; {@link #setFormat} takes Boot's format names (ecs, logstash, gelf).
 */
public class JsonLogEncoder extends EncoderBase<ILoggingEvent> {

    private String format = "ecs";
    private volatile StructuredLogEncoder delegate;

    public void setFormat(String format) {
        this.format = format;
    }

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return delegate().encode(event);
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }

    @Override
    public void stop() {
        if (delegate != null) {
            delegate.stop();
        }
        super.stop();
    }

    private StructuredLogEncoder delegate() {
        StructuredLogEncoder encoder = delegate;
        if (encoder == null) {
            synchronized (this) {
                encoder = delegate;
                if (encoder == null) {
                    if (getContext().getObject(Environment.class.getName()) == null) {
                        getContext().putObject(Environment.class.getName(), new StandardEnvironment());
                    }
                    encoder = new StructuredLogEncoder();
                    encoder.setContext(getContext());
                    encoder.setFormat(format);
                    encoder.start();
                    delegate = encoder;
                }
            }
        }
        return encoder;
    }
}
