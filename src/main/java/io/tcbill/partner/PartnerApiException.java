package io.tcbill.partner;

/**
 * A Partner API call failed, classified where it was thrown: transient errors (rate limit, service busy, internal
 * error, HTTP 5xx, timeouts, I/O) are retried by the client and may succeed later; terminal ones (authentication,
 * parameters, permissions, unknown action) fail fast.
 *
 * <p>The message names the action, the error code, the API's message and what to do. It never contains a secret
 * key, a signature or the query string of a signed URL, and the API's text in it holds no control characters or
 * terminal escapes (it is one line that cannot forge another).
 */
public class PartnerApiException extends RuntimeException {

    private final String action;
    private final String code;
    private final String requestId;
    private final boolean transientError;

    public PartnerApiException(String action, String code, String apiMessage, String requestId, boolean transientError) {
        this(action, code, apiMessage, requestId, transientError, null);
    }

    public PartnerApiException(String action, String code, String apiMessage, String requestId, boolean transientError,
                               Throwable cause) {
        super(ApiErrors.describe(action, code, apiMessage, requestId, transientError), cause);
        this.action = action;
        this.code = ApiErrors.codeOf(code);
        this.requestId = ApiErrors.printable(requestId);
        this.transientError = transientError;
    }

    private PartnerApiException(String message, PartnerApiException original) {
        super(message, original);
        this.action = original.action;
        this.code = original.code;
        this.requestId = original.requestId;
        this.transientError = original.transientError;
    }

    /** The same failure, its message starting with what was asked, e.g. {@code customer 800000425835, month 2024-05}. */
    PartnerApiException withContext(String context) {
        return new PartnerApiException(action + " for " + context + ": " + getMessage(), this);
    }

    /**
     * The same transient failure after the client's last attempt, saying so with the configured number of attempts:
     * the hint "tcbill retries it" is no longer the end of the story.
     */
    PartnerApiException afterAttempts(int attempts) {
        return new PartnerApiException(getMessage() + " Gave up after " + attempts + " attempts (tcbill.api.max-attempts).",
                this);
    }

    /**
     * The same failure, said while waiting for a file: {@code waited} is how long, {@code setting} the configured
     * deadline (e.g. {@code tcbill.poll.deadline 20s}), {@code waited} the time and polls it took; the failure, not the month, is why the file did not come.
     */
    public PartnerApiException whileWaiting(String what, String waited, String setting) {
        return new PartnerApiException(what + ": the last poll before " + setting + " failed (" + waited + "): "
                + getMessage(), this);
    }

    /**
     * The Partner API could not be reached at all: the connection was refused, its host name does not resolve, no
     * route leads to it, or the TLS handshake failed. The message names the host, port and {@code tcbill.api.endpoint}.
     */
    public boolean isUnreachable() {
        return ApiErrors.isUnreachable(code);
    }

    /** The API refused the key pair ({@code AuthFailure.*} other than the clock or a permission); the message never holds it. */
    public boolean isRefusedCredentials() {
        return ApiErrors.isRefusedCredentials(code);
    }

    /** The API error code ({@code AuthFailure.SignatureFailure}), or a client-side one ({@code Timeout}, {@code HttpStatus503}). */
    public String code() {
        return code;
    }

    /** The server's request id, or null when no envelope was received. */
    public String requestId() {
        return requestId;
    }

    /** The API action that failed. */
    public String action() {
        return action;
    }

    /** True when trying again later may succeed. */
    public boolean isTransient() {
        return transientError;
    }
}
