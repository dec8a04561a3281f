package io.tcbill.cli;

import io.tcbill.app.SpringContexts;
import io.tcbill.run.MonthOutcome;

/** The exit codes every command uses; documented in the README and in {@code --help}. */
final class ExitCodes {

    static final int OK = 0;
    /** A run ended with a failed or unfinished feed; the output names it and why. */
    static final int RUN_FAILED = 1;
    /** The command line was wrong (picocli's own code for usage errors). */
    static final int USAGE = 2;
    /**
     * Every feed ran, but the month's last l3 or summaries run found L3 details and the summary APIs disagreeing beyond
     * the tolerance for a customer it ran.
     */
    static final int UNRECONCILED = 4;
    /** The configuration is wrong or a required service could not be reached at start-up. */
    static final int CONFIGURATION = 3;
    /**
     * The metadata database (spring.datasource.url) could not be reached at start-up, or its H2 file is held by a
     * process that does not share it; the message names the database.
     */
    static final int METADATA_UNAVAILABLE = 5;

    static final String HELP_FOOTER = "%nExit codes: 0 success, 1 a feed failed (the output says which and why), "
            + "2 bad command line, 3 bad configuration, 4 the month does not reconcile (details against summaries), "
            + "5 the metadata database cannot be reached or is held by another process, "
            + "143 (SIGTERM) or 130 (Ctrl-C) stopped: the running feed is STOPPED and the next run resumes it.";

    /** A pull's exit code: a stopped pull is an unfinished one (1), as a failed feed. */
    static int of(MonthOutcome.Verdict verdict) {
        return switch (verdict) {
            case OK -> OK;
            case UNRECONCILED -> UNRECONCILED;
            case FAILED, STOPPED -> RUN_FAILED;
        };
    }

    /** The exit code of a command whose Spring context did not start. */
    static int of(SpringContexts.StartupException e) {
        return switch (e.kind()) {
            case CONFIGURATION -> CONFIGURATION;
            case METADATA_UNAVAILABLE -> METADATA_UNAVAILABLE;
        };
    }

    private ExitCodes() {
    }
}
