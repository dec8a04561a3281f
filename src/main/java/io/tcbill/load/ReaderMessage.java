package io.tcbill.load;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DuckDB error about a raw file, made fit for {@code load_log} and the console: its first line only (DuckDB adds
 * the reader's options on further lines), the raw file's local path replaced by its source key, scratch copies (the
 * numbered CSV, a pack's extracted entry, the staged Parquet file) named as the file's working copy, and the line
 * number column tcbill puts in front of each record not named.
 */
final class ReaderMessage {

    private static final Pattern SCRATCH = Pattern.compile(
            "[\"']?[^\\s\"']*?(?:numbered-|staged-|entry-\\d|duckdb-[0-9a-f]{8}-)[^\\s\"']*[\"']?");
    private static final Pattern LINE_COLUMN = Pattern.compile("[\"']?" + NumberedCsv.LINE_COLUMN + "[\"']?");

    private ReaderMessage() {
    }

    static String of(String duckDbMessage, RawInput input) {
        String message = duckDbMessage == null ? "" : duckDbMessage.strip();
        int end = message.indexOf('\n');
        message = (end < 0 ? message : message.substring(0, end)).strip();
        message = message.replace(input.localFile().toAbsolutePath().toString(), input.sourceKey())
                .replace(input.localFile().toString(), input.sourceKey());
        message = SCRATCH.matcher(message).replaceAll(Matcher.quoteReplacement("(its working copy)"));
        return LINE_COLUMN.matcher(message).replaceAll("(the line number tcbill adds)");
    }
}
