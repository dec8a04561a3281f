package io.tcbill.console;

import java.io.Console;

/** Whether a person watches this process: stdin, stdout and stderr are all terminals. */
public final class Terminal {

    private Terminal() {
    }

    /** True only on a terminal; CI, cron, Quartz, pipes and tests are not interactive. */
    public static boolean interactive() {
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
