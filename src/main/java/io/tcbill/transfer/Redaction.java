package io.tcbill.transfer;

import java.util.regex.Pattern;

/** Makes signed URLs safe for logs and error messages: scheme, host and path stay, credentials and query go. */
public final class Redaction {

    private static final Pattern URL_QUERY = Pattern.compile("(?i)(https?://[^\\s?#\"'<>]*)[?#][^\\s\"'<>]*");
    private static final Pattern USER_INFO = Pattern.compile("(?i)^(https?://)[^/@]*@");

    private Redaction() {
    }

    /** {@code https://host/path/file.csv?q-signature=...} becomes {@code https://host/path/file.csv?…}. */
    public static String url(String signedUrl) {
        if (signedUrl == null) {
            return "null";
        }
        String s = USER_INFO.matcher(signedUrl.strip()).replaceFirst("$1");
        int cut = firstOf(s, '?', '#');
        return cut < 0 ? s : s.substring(0, cut) + "?…";
    }

    /** Removes the query of every http(s) URL inside a free text, e.g. a library's exception message. */
    public static String text(String message) {
        return message == null ? null : URL_QUERY.matcher(message).replaceAll("$1?…");
    }

    private static int firstOf(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
