package io.tcbill.lake;

/** The lake could not be brought up to date with the published files; the message names the table, month and key. */
public final class LakeMirrorException extends RuntimeException {

    LakeMirrorException(String message, Throwable cause) {
        super(message, cause);
    }
}
