package io.tcbill.partner;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The answer of a download-URL action: whether the file is generated yet and, if so, its one-hour link.
 *
 * <p>The link is a signed URL: its query string is a credential. {@link #toString()} and {@link #redactedUrl()}
 * print only scheme, host and path; log those, never {@link #downloadUrl()}.
 *
 * @param ready       {@code Ready == 1} (or, for old API versions without {@code Ready}, a non-empty URL)
 * @param downloadUrl the signed link, valid for one hour; empty while the file is being generated
 */
public record DownloadLink(boolean ready, String downloadUrl) {

    public DownloadLink {
        downloadUrl = downloadUrl == null ? "" : downloadUrl;
    }

    /** Ready and with a link to fetch. */
    public boolean usable() {
        return ready && linkProblem() == null;
    }

    /**
     * Ready, yet without a link that could be fetched: the API contradicts itself, and polling again would only wait
     * to the deadline and then blame the month.
     */
    public boolean readyWithoutLink() {
        return ready && linkProblem() != null;
    }

    /** Why {@link #downloadUrl()} is no link to fetch ({@code "empty"}, {@code "not an http(s) URL"}), or null. */
    public String linkProblem() {
        if (downloadUrl.isBlank()) {
            return "empty";
        }
        try {
            URI uri = new URI(downloadUrl.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null ? null
                    : "not an http(s) URL with a host";
        } catch (URISyntaxException e) {
            return "not a URL";
        }
    }

    /** The link without its query string and fragment, safe for logs and messages. */
    public String redactedUrl() {
        return redact(downloadUrl);
    }

    @Override
    public String toString() {
        return "DownloadLink[ready=" + ready + ", downloadUrl=" + redactedUrl() + "]";
    }

    /** Cuts the query string (and fragment) off a URL: {@code https://h/p?sig=…} becomes {@code https://h/p?…}. */
    static String redact(String url) {
        int cut = indexOfAny(url, '?', '#');
        return cut < 0 ? url : url.substring(0, cut) + "?…";
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
