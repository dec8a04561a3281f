package io.tcbill.app;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.CoreConstants;
import java.util.Set;

/**
 * The log's exception column ({@code %tcbillEx} in {@link LogSetup}'s pattern): a failure tcbill expects and describes (a file that did
 * not arrive, an API that refused, storage that is unreachable: its own exception types over I/O causes) is one
 * {@code cause:} line with its message, which names what happened and what to do; anything else (a bug: a null pointer,
 * an illegal state from a library) keeps its whole stack trace. {@code --debug} or {@code TCBILL_DEBUG=true} shows every
 * stack trace.
 */
public final class ExpectedFailureTrace extends ThrowableProxyConverter {

    private static final Set<String> BUGS = Set.of("java.lang.NullPointerException", "java.lang.ClassCastException",
            "java.lang.ArrayIndexOutOfBoundsException", "java.lang.IndexOutOfBoundsException",
            "java.lang.StringIndexOutOfBoundsException", "java.lang.ArithmeticException",
            "java.lang.UnsupportedOperationException", "java.util.ConcurrentModificationException",
            "java.util.NoSuchElementException", "java.lang.StackOverflowError", "java.lang.OutOfMemoryError",
            "java.lang.NoClassDefFoundError", "java.lang.ClassNotFoundException", "java.lang.LinkageError");

    private static volatile boolean showAll = Boolean.getBoolean("tcbill.debug")
            || "true".equalsIgnoreCase(System.getenv("TCBILL_DEBUG"));

    /** Every stack trace from now on ({@code --debug}). */
    public static void showAll() {
        showAll = true;
    }

    @Override
    protected String throwableProxyToString(IThrowableProxy throwable) {
        if (showAll || !expected(throwable)) {
            return super.throwableProxyToString(throwable);
        }
        return "  cause: " + oneLine(throwable.getMessage() == null ? throwable.getClassName() : throwable.getMessage())
                + " (stack trace: --debug or TCBILL_DEBUG=true)" + CoreConstants.LINE_SEPARATOR;
    }

    /** One of tcbill's own exceptions on top, and nothing in its causes that is a programming error. */
    static boolean expected(IThrowableProxy throwable) {
        if (!throwable.getClassName().startsWith("io.tcbill.")) {
            return false;
        }
        int depth = 0;
        for (IThrowableProxy cause = throwable; cause != null && depth < 32; cause = cause.getCause(), depth++) {
            if (BUGS.contains(cause.getClassName())) {
                return false;
            }
        }
        return true;
    }

    private static String oneLine(String message) {
        return message.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
