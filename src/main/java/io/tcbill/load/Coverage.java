package io.tcbill.load;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which rows of a month a loaded file replaces: the caller's own bill (customer_uin NULL), every customer (a reseller
 * pack), both (a partner-wide file whose rows name their customer), or the listed customers. A customer listed with no rows in the file is emptied.
 *
 * @param own          the own bill's rows (customer_uin IS NULL)
 * @param allCustomers every row with a customer_uin
 * @param customers    these customers' rows
 */
record Coverage(boolean own, boolean allCustomers, Set<Long> customers) {

    Coverage {
        customers = Set.copyOf(customers);
    }

    static Coverage of(Long customerUin) {
        return customerUin == null ? new Coverage(true, false, Set.of()) : new Coverage(false, false, Set.of(customerUin));
    }

    /** A file of every customer whose rows name their customer (the commission file): it replaces the whole month. */
    static Coverage wholeMonth() {
        return new Coverage(true, true, Set.of());
    }

    static Coverage pack() {
        return new Coverage(false, true, Set.of());
    }

    /** A SQL predicate, never NULL, true for the rows any of {@code coverages} replaces. */
    static String replacedRows(Collection<Coverage> coverages) {
        boolean own = coverages.stream().anyMatch(Coverage::own);
        boolean all = coverages.stream().anyMatch(Coverage::allCustomers);
        Set<Long> uins = coverages.stream().flatMap(c -> c.customers().stream()).filter(Objects::nonNull)
                .collect(Collectors.toCollection(TreeSet::new));
        String customers = all ? "customer_uin IS NOT NULL"
                : uins.isEmpty() ? "false"
                : "(customer_uin IS NOT NULL AND customer_uin IN (" + uins.stream().map(String::valueOf)
                        .collect(Collectors.joining(", ")) + "))";
        return "(" + (own ? "customer_uin IS NULL OR " : "") + customers + ")";
    }
}
