package io.tcbill.run;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The process that runs (or ran) a job execution or holds a run lock: host name, PID and the process's start instant,
 * so that a reused PID is not mistaken for the original process. Kept in the job execution's context and in the lock
 * row as {@code host/pid/startInstant}.
 */
record ExecutionOwner(String host, long pid, Instant started) {

    static final String CONTEXT_KEY = "tcbill.owner";
    /** Start instants read twice for the same process may differ by clock-tick rounding. */
    private static final Duration SAME_START = Duration.ofSeconds(1);
    private static final ExecutionOwner CURRENT = current();

    /** This JVM. */
    static ExecutionOwner self() {
        return CURRENT;
    }

    /** The owner recorded in a job execution's context, or null if it never got that far. */
    static ExecutionOwner in(ExecutionContext context) {
        return context.containsKey(CONTEXT_KEY) ? parse(context.getString(CONTEXT_KEY)) : null;
    }

    void writeTo(ExecutionContext context) {
        context.putString(CONTEXT_KEY, format());
    }

    String format() {
        return host + "/" + pid + "/" + (started == null ? "" : started.toString());
    }

    /** Null when the text is not an owner written by {@link #format()}. */
    static ExecutionOwner parse(String text) {
        if (text == null) {
            return null;
        }
        int last = text.lastIndexOf('/');
        int middle = last < 0 ? -1 : text.lastIndexOf('/', last - 1);
        if (middle < 0) {
            return null;
        }
        try {
            String start = text.substring(last + 1);
            return new ExecutionOwner(text.substring(0, middle), Long.parseLong(text.substring(middle + 1, last)),
                    start.isEmpty() ? null : Instant.parse(start));
        } catch (RuntimeException e) {
            return null;
        }
    }

    boolean onThisHost() {
        return host.equals(CURRENT.host);
    }

    /**
     * Whether the owning process still runs; meaningful only {@link #onThisHost() on this host}. A live PID whose start
     * instant differs is another process that reused the PID.
     */
    boolean alive() {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return false;
        }
        Optional<Instant> start = process.get().info().startInstant();
        if (started == null || start.isEmpty()) {
            return true;
        }
        return Duration.between(started, start.get()).abs().compareTo(SAME_START) <= 0;
    }

    @Override
    public String toString() {
        return host + " pid " + pid;
    }

    private static ExecutionOwner current() {
        ProcessHandle self = ProcessHandle.current();
        return new ExecutionOwner(hostName(), self.pid(), self.info().startInstant().orElse(null));
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return fromEnvironment == null || fromEnvironment.isBlank() ? "unknown-host" : fromEnvironment;
        }
    }
}
