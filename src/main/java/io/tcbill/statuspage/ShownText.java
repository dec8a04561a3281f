package io.tcbill.statuspage;

import io.tcbill.transfer.Redaction;

/**
 * Text tcbill stored (a run's reason, a load's error, a rejected row's reason) as the page may show it: its first line
 * only (an exit message can carry a stack trace after it), every URL without its query (a signed link's signature),
 * at most {@value #MAX} characters. The page HTML-escapes it besides.
 */
final class ShownText {

    static final int MAX = 400;

    private ShownText() {
    }

    static String of(String text) {
        if (text == null) {
            return null;
        }
        String line = text.strip().lines().findFirst().orElse("");
        line = Redaction.text(line);
        return line.length() <= MAX ? line : line.substring(0, MAX - 1) + "…";
    }
}
