package io.tcbill.cli;

import java.io.Console;
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
        return !off && interactive() ? ProgressBars.onStderr() : null;
    }

    /** The command's properties, with tcbill's INFO log lines left out while a bar shows the same progress. */
    static Map<String, Object> quietLog(Map<String, Object> overrides, ProgressBars bars) {
        if (bars == null) {
            return overrides;
        }
        Map<String, Object> quiet = new HashMap<>(overrides);
        quiet.put("logging.level.io.tcbill", "WARN");
        return quiet;
    }

    static boolean interactive() {
        Console console = System.console(); // Java 17: null unless stdin and stdout are terminals
        return console != null && isTerminal(console) && stderrIsTerminal();
    }

    /** Java 22 and later return a console even when redirected; their {@code isTerminal()} tells. */
    private static boolean isTerminal(Console console) {
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** The bar goes to stderr: {@code 2>file} means nobody watches it (jline's native isatty; unavailable: no bar). */
    private static boolean stderrIsTerminal() {
        try {
            return org.jline.nativ.CLibrary.isatty(2) == 1;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }
}
