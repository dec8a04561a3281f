package io.tcbill;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Why a connection to an endpoint tcbill talks to (the Partner API, object storage) could not be made, read from the
 * exception chain of whichever HTTP client failed: the connection was refused, the host name does not resolve, the
 * TLS handshake failed, there is no route, or the connection timed out. {@link #describe} names the host and port,
 * the setting that configured them and what to check, so that a failure says where to look instead of "I/O error".
 *
 * @param kind   what went wrong
 * @param detail the innermost message of the TLS or network error, for TLS failures; may be empty
 */
public record ConnectionFailure(Kind kind, String detail) {

    /** What went wrong, most specific first: a refused connection often wraps one of the others. */
    public enum Kind {
        /** The host name does not resolve (a typo, or no DNS). */
        UNKNOWN_HOST,
        /** The TLS handshake failed: not TLS on that port, or a certificate this Java does not trust. */
        TLS,
        /** No route to the host (firewall, network down). */
        NO_ROUTE,
        /** Connecting timed out. */
        TIMEOUT,
        /** Nothing accepts connections at the host and port (the service is down, or the port is wrong). */
        REFUSED
    }

    /**
     * The connection failure in {@code failure}'s cause chain, or null when it is none of these (a reset connection,
     * an HTTP error, a bug). The JDK's HTTP client reports an unknown host as a {@link ConnectException} caused by
     * an {@link UnresolvedAddressException}, so causes are looked at before the exception itself.
     */
    public static ConnectionFailure of(Throwable failure) {
        Kind found = null;
        String detail = "";
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause() == t ? null : t.getCause(), depth++) {
            Kind kind = kindOf(t);
            if (kind != null && (found == null || kind.ordinal() < found.ordinal())) {
                found = kind;
                if (kind == Kind.TLS) {
                    detail = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
                }
            }
        }
        return found == null ? null : new ConnectionFailure(found, detail);
    }

    private static Kind kindOf(Throwable t) {
        if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
            return Kind.UNKNOWN_HOST;
        }
        if (t instanceof SSLException) {
            return Kind.TLS;
        }
        if (t instanceof NoRouteToHostException) {
            return Kind.NO_ROUTE;
        }
        if (t instanceof ConnectException) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            return message.contains("timed out") ? Kind.TIMEOUT : Kind.REFUSED;
        }
        if (t instanceof SocketTimeoutException || t.getClass().getSimpleName().contains("ConnectTimeout")) {
            return Kind.TIMEOUT;
        }
        return null;
    }

    /**
     * One line naming what failed, where, the setting it came from and what to check, e.g. {@code connection refused
     * by 127.0.0.1:9 (tcbill.api.endpoint http://127.0.0.1:9): nothing accepts connections there; check
     * tcbill.api.endpoint (TCBILL_API_ENDPOINT) and that the service runs and is reachable from this machine}.
     */
    public String describe(URI endpoint, String setting) {
        String where = hostAndPort(endpoint);
        String configured = "(" + setting + " " + endpoint + ")";
        String check = setting + " (" + environmentVariable(setting) + ")";
        return switch (kind) {
            case REFUSED -> "connection refused by " + where + " " + configured + ": nothing accepts connections there;"
                    + " check " + check + " and that the service runs and is reachable from this machine";
            case UNKNOWN_HOST -> "unknown host " + endpoint.getHost() + " " + configured + ": the name does not resolve;"
                    + " check the host name in " + check + " and this machine's DNS";
            case TLS -> "TLS handshake with " + where + " failed " + configured + (detail.isBlank() ? "" : " (" + detail + ")")
                    + ": check that " + check + " names an https endpoint that speaks TLS on that port and that its"
                    + " certificate is trusted by this Java (a TLS-inspecting proxy needs its CA in the trust store)";
            case NO_ROUTE -> "no route to " + where + " " + configured + ": check " + check
                    + " and the network between this machine and it (firewall, proxy)";
            case TIMEOUT -> "connecting to " + where + " timed out " + configured + ": check " + check
                    + " and the network between this machine and it (firewall, proxy)";
        };
    }

    /** {@code host:port}, with the scheme's default port when the URI has none. */
    public static String hostAndPort(URI endpoint) {
        int port = endpoint.getPort();
        if (port == -1) {
            port = "https".equalsIgnoreCase(endpoint.getScheme()) ? 443 : 80;
        }
        return endpoint.getHost() + ":" + port;
    }

    /** The environment variable Spring Boot reads a setting from: {@code tcbill.api.endpoint} → {@code TCBILL_API_ENDPOINT}. */
    public static String environmentVariable(String setting) {
        return setting.toUpperCase(Locale.ROOT).replace(".", "_").replace("-", "_");
    }
}
