package io.tcbill.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ThrowableProxy;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A failure tcbill describes is one line in the log; a bug keeps its stack trace. */
class ExpectedFailureTraceTest {

    private final ExpectedFailureTrace converter = new ExpectedFailureTrace();

    @BeforeEach
    void start() {
        converter.setContext(new LoggerContext());
        converter.start();
    }

    @Test
    void tcbillsOwnFailureOverAnIoCauseIsOneCauseLine() {
        FileDidNotArrive failure = new FileDidNotArrive("l3 2026-10 for customer 7: connection refused by 127.0.0.1:1",
                new IOException("wrapped", new ConnectException("Connection refused")));

        String text = converter.throwableProxyToString(new ThrowableProxy(failure));

        assertThat(text.lines()).containsExactly("  cause: l3 2026-10 for customer 7: connection refused by 127.0.0.1:1"
                + " (stack trace: --debug or TCBILL_DEBUG=true)");
    }

    @Test
    void aProgrammingErrorUnderTcbillsFailureKeepsItsStackTrace() {
        FileDidNotArrive failure = new FileDidNotArrive("l3 2026-10 for customer 7: null", new NullPointerException());

        String text = converter.throwableProxyToString(new ThrowableProxy(failure));

        assertThat(text).contains("NullPointerException").contains("\tat ").doesNotContain("cause: ");
    }

    @Test
    void aFailureFromOutsideTcbillKeepsItsStackTrace() {
        String text = converter.throwableProxyToString(new ThrowableProxy(new IllegalStateException("from a library")));

        assertThat(text).contains("IllegalStateException: from a library").contains("\tat ");
    }

    /** Stands for tcbill's own exceptions (its class name is under io.tcbill). */
    static final class FileDidNotArrive extends RuntimeException {
        FileDidNotArrive(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
