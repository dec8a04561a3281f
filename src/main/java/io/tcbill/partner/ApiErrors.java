package io.tcbill.partner;

import io.tcbill.ConnectionFailure;
import java.util.Set;
import java.util.regex.Pattern;

/** Which error codes are transient, what to tell the user about each, and how to keep messages free of secrets. */
final class ApiErrors {

    /** Client-side codes: no envelope was received, or none could be read. */
    static final String MISSING_CREDENTIALS = "MissingCredentials";
    static final String TIMEOUT = "Timeout";
    static final String NETWORK_ERROR = "NetworkError";
    static final String INTERRUPTED = "Interrupted";
    static final String INVALID_RESPONSE = "InvalidResponse";
    static final String HTTP_STATUS = "HttpStatus";
    /** The endpoint refused the connection, its host name does not resolve, or no route leads to it (transient). */
    static final String CONNECTION_REFUSED = "ConnectionRefused";
    static final String UNKNOWN_HOST = "UnknownHost";
    static final String NETWORK_UNREACHABLE = "NetworkUnreachable";
    /** The TLS handshake failed (not TLS on that port, an untrusted certificate): terminal, retrying cannot help. */
    static final String TLS_FAILURE = "TlsFailure";
    static final String ENDLESS_PAGING = "EndlessPaging";
    /** A listing whose answers contradict themselves or each other (a total its pages do not add up to, a repeated page). */
    static final String INCONSISTENT_ANSWER = "InconsistentAnswer";

    private static final Set<String> TRANSIENT_CODES = Set.of("OperationDenied.ServiceBusy", "InternalError",
            "ServiceUnavailable", "ResourceUnavailable", TIMEOUT, NETWORK_ERROR, CONNECTION_REFUSED, UNKNOWN_HOST,
            NETWORK_UNREACHABLE);
    private static final Set<String> UNREACHABLE_CODES = Set.of(CONNECTION_REFUSED, UNKNOWN_HOST, NETWORK_UNREACHABLE,
            TLS_FAILURE);
    private static final Pattern URL_QUERY = Pattern.compile("(https?://[^\\s?#\"']*)[?#][^\\s\"']*");
    private static final Pattern SIGNATURE = Pattern.compile("(?i)(signature=)[0-9a-f]{16,}");
    /** Terminal escape sequences: CSI ({@code ESC [ … final}), OSC ({@code ESC ] … BEL or ESC \\}), two-byte escapes. */
    private static final Pattern ESCAPE_SEQUENCE = Pattern.compile(
            "\u001B(?:\\[[0-?]*[ -/]*[@-~]|\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)?|[@-Z\\\\-_])|\u009B[0-?]*[ -/]*[@-~]");
    /** Control and format characters (line breaks, tabs, C1 controls, bidi overrides) and the Unicode line separators. */
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}\u2028\u2029]+");
    private static final Pattern NOT_A_CODE = Pattern.compile("[^A-Za-z0-9._-]");
    private static final int MAX_CODE_LENGTH = 100;

    private ApiErrors() {
    }

    /** Classification of an error code from the envelope (partner-api.md §3.4) or of this client. */
    static boolean isTransient(String code) {
        return TRANSIENT_CODES.contains(code)
                || code.startsWith("RequestLimitExceeded")
                || code.startsWith("InternalError.")
                || code.startsWith("ResourceUnavailable.")
                || isTransientStatus(code);
    }

    /** HTTP status codes worth retrying: 5xx, 429 (a gateway's rate limit) and 408. */
    static boolean isTransientHttpStatus(int status) {
        return status >= 500 || status == 429 || status == 408;
    }

    /** The client-side code of a connection that could not be made (timeouts have their own, {@value #TIMEOUT}). */
    static String connectionCode(ConnectionFailure.Kind kind) {
        return switch (kind) {
            case REFUSED -> CONNECTION_REFUSED;
            case UNKNOWN_HOST -> UNKNOWN_HOST;
            case TLS -> TLS_FAILURE;
            case NO_ROUTE -> NETWORK_UNREACHABLE;
            case TIMEOUT -> TIMEOUT;
        };
    }

    /** The API could not be reached at all: refused, unknown host, no route, TLS. */
    static boolean isUnreachable(String code) {
        return UNREACHABLE_CODES.contains(code);
    }

    /**
     * The API refused the key pair itself (unknown secret id, a signature the key does not make): not the clock
     * ({@code AuthFailure.SignatureExpire}) and not a permission ({@code AuthFailure.UnauthorizedOperation}).
     */
    static boolean isRefusedCredentials(String code) {
        return code.startsWith("AuthFailure") && !code.equals("AuthFailure.SignatureExpire")
                && !code.equals("AuthFailure.UnauthorizedOperation");
    }

    static String httpStatusCode(int status) {
        return HTTP_STATUS + status;
    }

    static String describe(String action, String code, String apiMessage, String requestId, boolean transientError) {
        StringBuilder sb = new StringBuilder();
        sb.append(action).append(" failed with ").append(codeOf(code));
        if (apiMessage != null && !apiMessage.isBlank()) {
            sb.append(": ").append(sanitize(apiMessage));
        }
        if (requestId != null && !requestId.isBlank()) {
            sb.append(" (RequestId ").append(printable(requestId)).append(')');
        }
        return sb.append(". ").append(hint(action, code, transientError)).toString();
    }

    static String hint(String action, String code, boolean transientError) {
        if (code.equals(MISSING_CREDENTIALS)) {
            return "Set the environment variables TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (an API key of"
                    + " the partner account) and run again.";
        }
        if (isUnreachable(code)) {
            return "The Partner API is unreachable.";
        }
        if (code.startsWith("RequestLimitExceeded")) {
            return "The API's rate limit for this key was exceeded: another process may use the same key; tcbill"
                    + " retries with backoff; if it persists, lower tcbill.api.rate-limits." + action + " or run later.";
        }
        if (transientError) {
            return "This is transient: tcbill retries it with backoff; if it persists, run again later.";
        }
        if (code.equals("AuthFailure.SignatureExpire")) {
            return "The API refused the request's time: this machine's clock is more than 5 minutes off; correct it"
                    + " (NTP) and run again.";
        }
        if (isRefusedCredentials(code)) {
            return "The API refused the credentials: TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY must be the key"
                    + " pair of an API key of the partner account (not shown here); set them and run again.";
        }
        if (code.contains("InvalidMonth")) {
            return "The month must be YYYY-MM, not in the future, and not before 2022-06 (resource bills: 2023-11).";
        }
        if (code.startsWith("UnauthorizedOperation") || code.equals("AuthFailure.UnauthorizedOperation")) {
            return "This account may not call this action: check tcbill.api.role (customer or reseller) and the"
                    + " CAM permissions of the API key.";
        }
        if (code.equals(ENDLESS_PAGING)) {
            return "The API kept returning full pages; tcbill stopped to avoid an endless loop. This is terminal:"
                    + " check the totals the API reports, or whether it ignores Page.";
        }
        if (code.equals(INCONSISTENT_ANSWER)) {
            return "This is terminal: tcbill stopped before anything was published from these answers. Run again"
                    + " later; if it persists, report it to Tencent Cloud with the RequestId.";
        }
        if (code.equals("InvalidAction") || code.equals("NoSuchVersion") || code.equals(INVALID_RESPONSE)
                || code.startsWith(HTTP_STATUS)) {
            return "Check tcbill.api.endpoint and tcbill.api.version; the endpoint does not look like the Partner API.";
        }
        return "This is terminal and was not retried: check the request parameters and the account's role.";
    }

    /**
     * A text the server sent, made safe for one log line or the terminal: terminal escape sequences are removed and
     * every run of control characters (line breaks included) becomes one space, so it can neither forge a log line
     * nor recolour or rewrite the terminal.
     */
    static String printable(String text) {
        if (text == null) {
            return null;
        }
        String noEscapes = ESCAPE_SEQUENCE.matcher(text).replaceAll("");
        return CONTROL.matcher(noEscapes).replaceAll(" ");
    }

    /** An error code the server sent, kept to the characters codes are made of (others become {@code _}). */
    static String codeOf(String code) {
        if (code == null) {
            return "UnknownError";
        }
        String kept = NOT_A_CODE.matcher(printable(code)).replaceAll("_");
        return kept.isEmpty() ? "UnknownError"
                : kept.length() > MAX_CODE_LENGTH ? kept.substring(0, MAX_CODE_LENGTH) + "…" : kept;
    }

    /**
     * Removes URL query strings and anything that looks like a signature from a text the server sent, and makes it
     * {@link #printable}.
     */
    static String sanitize(String text) {
        String noQueries = URL_QUERY.matcher(printable(text)).replaceAll("$1?…");
        return SIGNATURE.matcher(noQueries).replaceAll("$1…");
    }

    private static boolean isTransientStatus(String code) {
        if (!code.startsWith(HTTP_STATUS)) {
            return false;
        }
        try {
            return isTransientHttpStatus(Integer.parseInt(code.substring(HTTP_STATUS.length())));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
