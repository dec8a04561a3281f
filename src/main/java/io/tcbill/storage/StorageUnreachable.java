package io.tcbill.storage;

import io.tcbill.ConnectionFailure;
import java.net.URI;

/**
 * What to say when object storage cannot be reached, at start-up or during a run: the host and port, the setting
 * they came from ({@code tcbill.storage.endpoint}, or the embedded store, which has none) and what to check.
 */
final class StorageUnreachable {

    static final String SETTING = "tcbill.storage.endpoint";

    private StorageUnreachable() {
    }

    /** One line, e.g. {@code object storage is unreachable: connection refused by 127.0.0.1:9 (tcbill.storage.endpoint …): …}. */
    static String describe(URI endpoint, boolean embedded, Throwable failure) {
        if (embedded) {
            return "the embedded object store at " + ConnectionFailure.hostAndPort(endpoint) + " is unreachable ("
                    + innermost(failure) + "); it runs inside this process, so the process is probably stopping";
        }
        ConnectionFailure connection = ConnectionFailure.of(failure);
        if (connection != null) {
            return "object storage is unreachable: " + connection.describe(endpoint, SETTING);
        }
        return "object storage at " + ConnectionFailure.hostAndPort(endpoint) + " (" + SETTING + " " + endpoint
                + ") is unreachable: " + innermost(failure) + "; check " + SETTING + " ("
                + ConnectionFailure.environmentVariable(SETTING) + ") and the network";
    }

    private static String innermost(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t.getCause() != null && t.getCause() != t && depth < 20; depth++) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
