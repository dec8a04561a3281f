package io.tcbill.job;

/** One file (one customer's, or the account's own) could not be archived; the message starts with which one. */
final class FileFailedException extends RuntimeException {

    FileFailedException(String what, RuntimeException cause) {
        super(cause.getMessage() != null && cause.getMessage().startsWith(what) ? cause.getMessage()
                : what + ": " + cause.getMessage(), cause);
    }
}
