package io.tcbill.transfer;

/**
 * A download or archive failure. Transient ones (expired link, truncated body, 5xx, I/O, stalls) are worth retrying;
 * terminal ones (host not allowed, other 4xx, hash mismatch, missing object) are not. Messages name the feed, month,
 * customer or object key and never contain a signed URL's query string.
 */
public class TransferException extends RuntimeException {

    private final boolean transientFailure;

    public TransferException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    static TransferException retryable(String message, Throwable cause) {
        return new TransferException(message, true, cause);
    }

    static TransferException terminal(String message, Throwable cause) {
        return new TransferException(message, false, cause);
    }

    public boolean isTransient() {
        return transientFailure;
    }

    /** HTTP 403 from the download host: the link expired or was refused; a fresh link may work. */
    static final class LinkRefused extends TransferException {
        LinkRefused(String message) {
            super(message, true, null);
        }
    }

    /** HTTP 416 to a resume, or a 206 for other bytes than asked: the download must restart from byte 0. */
    static final class RangeRefused extends TransferException {
        RangeRefused(String message) {
            super(message, true, null);
        }
    }

    /**
     * The answer is not the bill file (a page or XML document sent with status 200) or its end cannot be proven (no
     * length, no chunked encoding); a fresh link may serve the file, and when none does the file fails for good.
     */
    static final class NotTheFile extends TransferException {
        NotTheFile(String message) {
            super(message, true, null);
        }
    }

    /**
     * The link's deadline ({@code tcbill.download.link-deadline}) passed before its answer was complete (a body
     * trickling in): the transfer resumes on a fresh link.
     */
    static final class LinkOverdue extends TransferException {
        LinkOverdue(String message, Throwable cause) {
            super(message, true, cause);
        }
    }
}
