package io.tcbill.load;

/**
 * Terminal: a raw file's header lacks a column the mapping marks required. Retrying cannot help; edit
 * {@code schema/mappings/<table>.csv} if the file uses another spelling.
 */
public class SchemaMismatchException extends RuntimeException {

    public SchemaMismatchException(String message) {
        super(message);
    }
}
