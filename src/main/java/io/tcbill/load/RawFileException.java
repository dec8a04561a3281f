package io.tcbill.load;

/**
 * Terminal: a raw file's content cannot be loaded as it is (an API error answer archived as data, rows naming no
 * customer, another customer's answers). Retrying the same bytes cannot help; the message names the file.
 */
class RawFileException extends RuntimeException {

    RawFileException(String message) {
        super(message);
    }
}
