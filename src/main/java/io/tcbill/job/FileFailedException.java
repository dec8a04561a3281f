package io.tcbill.job;

/** One file (one customer's, or the account's own) could not be archived; the message starts with which one. */
final class FileFailedException extends RuntimeException {

    FileFailedException(String what, RuntimeException cause) {
        super(what + ": " + cause.getMessage(), cause);
    }
}
