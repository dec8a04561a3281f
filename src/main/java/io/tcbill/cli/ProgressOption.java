package io.tcbill.cli;

import io.tcbill.console.ProgressBars;
import io.tcbill.console.Terminal;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --no-progress}, shared by {@code run}, {@code backfill} and {@code demo}: the progress bar is drawn only when a
 * person watches (stdin, stdout and stderr are terminals) and the option is not given; CI, cron, Quartz and tests
 * never see it and keep their log lines.
 */
final class ProgressOption {

    @Option(names = "--no-progress",
            description = "No progress bar (it is shown only on a terminal, in place of the INFO log lines).")
    boolean off;

    /** Bars for this command when they are wanted, else null. */
    ProgressBars bars() {
        return !off && Terminal.interactive() ? ProgressBars.onStderr() : null;
    }

    /** The command's properties, with tcbill's INFO log lines left out while a bar shows the same progress. */
    static Map<String, Object> quietLog(Map<String, Object> overrides, boolean bars) {
        if (!bars) {
            return overrides;
        }
        Map<String, Object> quiet = new HashMap<>(overrides);
        quiet.put("logging.level.io.tcbill", "WARN");
        return quiet;
    }
}
