package io.tcbill.load;

/**
 * A load could not complete for a reason outside the data, e.g. the DuckDB file stayed locked by another process
 * longer than {@code tcbill.duckdb.lock-wait}. The message says what to do.
 */
public class LoadException extends RuntimeException {

    public LoadException(String message) {
        super(message);
    }

    public LoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
