package io.tcbill.load;

import java.time.YearMonth;

/** Where staged rows came from: the values of the lineage columns every loaded row carries. */
record Lineage(String feed, YearMonth month, Long customerUin, String sourceKey, String loadId) {

    String billMonthSql() {
        return "DATE '" + month.atDay(1) + "'";
    }

    String customerUinSql() {
        return customerUin == null ? "CAST(NULL AS BIGINT)" : "CAST(" + customerUin + " AS BIGINT)";
    }

    String customerLabel() {
        return customerUin == null ? "own bill" : "customer " + customerUin;
    }
}
