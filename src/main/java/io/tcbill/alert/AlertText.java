package io.tcbill.alert;

import java.util.regex.Pattern;

/**
 * The last guard before text leaves the process: an alert carries tcbill's outcome data, but a failure reason quotes
 * an exception's message, which might hold a URL. Every URL is cut to its scheme and host, a bare query string
 * ({@code ?a=b&c=d}) and credentials-like {@code key=value} pairs are dropped, and a line is bounded.
 */
final class AlertText {

    static final int MAX_LINES = 25;
    static final int MAX_LINE = 400;

    private static final Pattern URL = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)(?:[^\\s/@?#]*@)?([^\\s/?#:\"'<>]+)"
            + "(:\\d+)?[^\\s\"'<>]*");
    private static final Pattern QUERY = Pattern.compile("\\?[^\\s\"'<>=&?]+=[^\\s\"'<>]*");
    private static final Pattern SECRET_PAIR = Pattern.compile("(?i)\\b([\\w-]*(?:signature|token|secret|password|"
            + "credential|key|sig)[\\w-]*)=[^\\s&\"'<>,;]+");

    private AlertText() {
    }

    /** {@code https://host/p?q-signature=x} becomes {@code https://host/…}; bounded to {@value #MAX_LINE} chars. */
    static String scrub(String text) {
        if (text == null) {
            return "";
        }
        String s = URL.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                m.group(1) + m.group(2) + (m.group(3) == null ? "" : m.group(3)) + "/…"));
        s = QUERY.matcher(s).replaceAll("?…");
        s = SECRET_PAIR.matcher(s).replaceAll("$1=…");
        s = s.replaceAll("[\\r\\n\\t]+", " ").strip();
        return s.length() <= MAX_LINE ? s : s.substring(0, MAX_LINE - 1) + "…";
    }
}
