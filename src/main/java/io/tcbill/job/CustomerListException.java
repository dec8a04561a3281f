package io.tcbill.job;

/**
 * Terminal: the customer list of a month cannot be trusted (it is empty although the month had customers), so the
 * feed fails before any file is requested and the month's customers and bills stay as they were.
 */
class CustomerListException extends RuntimeException {

    CustomerListException(String message) {
        super(message);
    }
}
