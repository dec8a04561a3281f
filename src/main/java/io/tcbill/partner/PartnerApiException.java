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
