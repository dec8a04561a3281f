package io.tcbill.load;

import java.time.YearMonth;

/**
 * Where staged rows came from: the values of the lineage columns every loaded row carries.
 *
 * @param customerUin the customer the file was requested for; null for the own bill and for a pack
 * @param pack        the file is a reseller pack (a ZIP of every customer's CSVs)
 */
record Lineage(String feed, YearMonth month, Long customerUin, String sourceKey, String loadId, boolean pack) {

    String billMonthSql() {
        return "DATE '" + month.atDay(1) + "'";
    }

    String customerUinSql() {
        return customerUin == null ? "CAST(NULL AS BIGINT)" : "CAST(" + customerUin + " AS BIGINT)";
    }

    String customerLabel() {
        return pack ? "pack of all customers" : customerUin == null ? "own bill" : "customer " + customerUin;
    }
}
