package io.tcbill.job;

/** Some files of a month did not load; the message names each with its reason. */
final class LoadFailedException extends RuntimeException {

    LoadFailedException(String message) {
        super(message);
    }
}
