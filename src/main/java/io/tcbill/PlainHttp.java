package io.tcbill;

import java.net.URI;
import java.util.Locale;

/**
 * The one rule for plain http, shared by every endpoint tcbill talks to (the Partner API, object storage and the
 * download links): {@code https} always; {@code http} only to a loopback host ({@code 127.0.0.0/8}, {@code ::1},
 * {@code localhost}) or when that endpoint's {@code allow-insecure-http} setting says so (a trusted private network,
 * e.g. MinIO on a compose network). Everything else is refused, so keys, signatures and bills never cross a network
 * unencrypted by accident.
 */
public final class PlainHttp {

    private PlainHttp() {
    }

    /** True for {@code https}, and for {@code http} to a loopback host or when {@code allowed}; false otherwise. */
    public static boolean permitted(URI uri, boolean allowed) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return true;
        }
        return scheme.equals("http") && (allowed || (uri.getHost() != null && isLoopback(uri.getHost())));
    }

    /** {@code localhost}, any {@code 127.x.y.z} and {@code ::1} (with or without brackets). */
    public static boolean isLoopback(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h.equals("localhost") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}") || h.equals("[::1]")
                || h.equals("::1") || h.equals("[0:0:0:0:0:0:0:1]") || h.equals("0:0:0:0:0:0:0:1");
    }
}
