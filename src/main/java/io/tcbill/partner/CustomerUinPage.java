package io.tcbill.partner;

import java.util.List;

/**
 * One page of {@code DescribeCustomerUin}.
 *
 * @param total        the number of customers over all pages (the API sends it as a JSON string)
 * @param customerUins the UINs on this page
 */
public record CustomerUinPage(long total, List<Long> customerUins) {

    public CustomerUinPage {
        customerUins = List.copyOf(customerUins);
    }
}
