package io.tcbill.load;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DuckDB error about a raw file (or a month being published), made fit for {@code load_log} and the console: its
 * first line only (DuckDB adds the reader's options on further lines), the raw file's local path replaced by its
 * source key, scratch copies (the numbered CSV, a pack's extracted entry, the staged Parquet file) named as a working
 * copy, and the line number column tcbill puts in front of each record not named.
 */
final class ReaderMessage {

    private static final Pattern SCRATCH = Pattern.compile(
            "[\"']?[^\\s\"']*?(?:numbered-|staged-|entry-\\d|duckdb-[0-9a-f]{8}-)[^\\s\"']*[\"']?");
    private static final Pattern LINE_COLUMN = Pattern.compile("[\"']?" + NumberedCsv.LINE_COLUMN + "[\"']?");

    private ReaderMessage() {
    }

    static String of(String duckDbMessage, RawInput input) {
        return of(firstLine(duckDbMessage).replace(input.localFile().toAbsolutePath().toString(), input.sourceKey())
                .replace(input.localFile().toString(), input.sourceKey()));
    }

    /** The same for an error of no one raw file (publishing a month): first line, no scratch copies, no line column. */
    static String of(String duckDbMessage) {
        String message = SCRATCH.matcher(firstLine(duckDbMessage)).replaceAll(Matcher.quoteReplacement("(a working copy)"));
        return LINE_COLUMN.matcher(message).replaceAll("(the line number tcbill adds)");
    }

    private static String firstLine(String message) {
        String text = message == null ? "" : message.strip();
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }
}
