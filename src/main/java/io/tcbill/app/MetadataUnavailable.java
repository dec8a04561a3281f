package io.tcbill.app;

import java.sql.SQLException;
import java.util.Locale;

/**
 * Recognises a start-up failure that is the metadata database (Spring Batch, Quartz, the run lock) being unreachable
 * or held by a process that does not share it, and says so in one line naming the database (never its credentials).
 */
public final class MetadataUnavailable {

    /** H2: "Database may be already in use" (another process opened the file without AUTO_SERVER=TRUE). */
    private static final int H2_DATABASE_IN_USE = 90020;

    private MetadataUnavailable() {
    }

    /** The one-line message, or null when {@code failure} is not about reaching the metadata database. */
    static String describe(Throwable failure, String url) {
        SQLException connection = null;
        boolean poolStart = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String type = t.getClass().getName();
            poolStart |= type.startsWith("com.zaxxer.hikari.") || type.endsWith("CannotGetJdbcConnectionException");
            if (t instanceof SQLException sql && connection == null && (poolStart || isConnectionFailure(sql))) {
                connection = sql;
            }
        }
        if (connection == null) {
            return null;
        }
        String database = "the metadata database " + (url == null ? "(spring.datasource.url)" : redact(url));
        String reason = firstLine(connection.getMessage());
        if (isHeld(connection) && url != null && !url.toUpperCase(Locale.ROOT).contains("AUTO_SERVER=TRUE")) {
            return database + " is in use by another process (" + reason + "); this command opens it without"
                    + " ;AUTO_SERVER=TRUE in spring.datasource.url, which every process needs to share it (the default has it)";
        }
        if (isHeld(connection)) {
            return database + " is held by another process that does not share it (" + reason + "); stop that process,"
                    + " or start it with ;AUTO_SERVER=TRUE in spring.datasource.url (the default)";
        }
        return database + " cannot be reached (" + reason + "); check that it runs and spring.datasource.url,"
                + " spring.datasource.username and spring.datasource.password";
    }

    private static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        return (state != null && state.startsWith("08")) || isHeld(e);
    }

    private static boolean isHeld(SQLException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        return e.getErrorCode() == H2_DATABASE_IN_USE
                || message.contains("Database may be already in use") || message.contains("The file is locked");
    }

    /** The URL up to its parameters and without user info: a password may be given in either. */
    static String redact(String url) {
        String cut = url.split("[;?]", 2)[0];
        return cut.replaceFirst("//[^/@]*@", "//");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        String line = message.lines().findFirst().orElse("").strip();
        // H2 appends its error code in brackets; "Possible solutions: ..." names H2's own options, not tcbill's
        return line.replaceFirst("\\s*\\[\\d+-\\d+]$", "").replaceFirst("\\.?\\s*Possible solutions:.*$", "");
    }
}
