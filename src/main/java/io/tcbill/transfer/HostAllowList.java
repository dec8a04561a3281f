package io.tcbill.transfer;

import io.tcbill.PlainHttp;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a download link may be fetched, before any request is made: a host matching
 * {@code tcbill.download.allowed-hosts} ({@code *.example.com} = any subdomain of example.com, else an exact name),
 * over https, or plain http only to a loopback host or with {@code tcbill.download.allow-insecure-http=true}.
 */
final class HostAllowList {

    private final List<String> patterns;
    private final boolean allowInsecureHttp;

    HostAllowList(List<String> patterns, boolean allowInsecureHttp) {
        this.patterns = patterns.stream().map(HostAllowList::normalise).filter(p -> !p.isEmpty()).toList();
        this.allowInsecureHttp = allowInsecureHttp;
    }

    /** Parses and checks a link; throws a terminal {@link TransferException} naming what to configure. */
    URI check(String link, RawTarget target) {
        URI uri;
        try {
            uri = new URI(link == null ? "" : link.strip());
        } catch (java.net.URISyntaxException e) {
            throw TransferException.terminal("invalid download link for " + target + ": " + Redaction.url(link), null);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw TransferException.terminal("download link for " + target + " is not http(s): " + Redaction.url(link), null);
        }
        String host = uri.getHost();
        if (host == null || !allows(host)) {
            throw TransferException.terminal("download host " + host + " for " + target
                    + " is not allowed; add it to tcbill.download.allowed-hosts (env TCBILL_DOWNLOAD_ALLOWED_HOSTS), "
                    + "allowed now: " + patterns, null);
        }
        if (!PlainHttp.permitted(uri, allowInsecureHttp)) {
            throw TransferException.terminal("download link for " + target + " uses plain http to " + host
                    + ", which is not a loopback host; links must be https, or set tcbill.download.allow-insecure-http=true"
                    + " (env TCBILL_DOWNLOAD_ALLOW_INSECURE_HTTP) for a trusted private network", null);
        }
        return uri;
    }

    boolean allows(String host) {
        String h = normalise(host);
        for (String p : patterns) {
            if (p.startsWith("*.") ? h.endsWith(p.substring(1)) && h.length() > p.length() - 1 : h.equals(p)) {
                return true;
            }
        }
        return false;
    }

    private static String normalise(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
